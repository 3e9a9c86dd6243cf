-- The sample blog (sample-db/blog/models.py, app label "blog") on SQLite.
-- The DDL Django 5 writes for `manage.py sqlmigrate blog 0001` with DEFAULT_AUTO_FIELD = AutoField
-- (without BEGIN/COMMIT: whoever runs this file owns the transaction). `sqlite3 FILE < schema.sqlite.sql`
-- works too. Generated columns need SQLite 3.31+.
-- Keep in step with schema.postgresql.sql and blog/models.py; the sample-db command runs this file:
-- every CREATE TABLE first, then the data, then the remaining statements (indexes).

--
-- Create model Author
--
CREATE TABLE "blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "email" varchar(254) NOT NULL UNIQUE);
--
-- Create model Tag
--
CREATE TABLE "blog_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL UNIQUE);
--
-- Create model Profile
--
CREATE TABLE "blog_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "bio" text NOT NULL, "website" varchar(200) NULL, "author_id" integer NOT NULL UNIQUE REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Post
--
CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "slug" varchar(200) NOT NULL UNIQUE, "body" text NOT NULL, "published_at" datetime NULL, "updated_at" datetime NOT NULL, "view_count" integer NOT NULL, "word_count" integer GENERATED ALWAYS AS (((LENGTH("body") - LENGTH(REPLACE("body", ' ', ''))) + 1)) STORED, "author_id" integer NOT NULL REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "blog_post_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" integer NOT NULL REFERENCES "blog_post" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "blog_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Comment
--
CREATE TABLE "blog_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "author_name" varchar(100) NOT NULL, "body" text NOT NULL, "created_at" datetime NOT NULL, "post_id" integer NOT NULL REFERENCES "blog_post" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "blog_post_author_id_dd7a8485" ON "blog_post" ("author_id");
CREATE UNIQUE INDEX "blog_post_tags_post_id_tag_id_4925ec37_uniq" ON "blog_post_tags" ("post_id", "tag_id");
CREATE INDEX "blog_post_tags_post_id_a1c71c8a" ON "blog_post_tags" ("post_id");
CREATE INDEX "blog_post_tags_tag_id_0875c551" ON "blog_post_tags" ("tag_id");
CREATE INDEX "blog_comment_post_id_580e96ef" ON "blog_comment" ("post_id");
