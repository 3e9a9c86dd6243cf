CREATE TABLE "collation_word" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" varchar(40) NOT NULL, "note" varchar(40) NULL);
CREATE TABLE "collation_tagged" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "word_id" integer NOT NULL REFERENCES "collation_word" ("id") DEFERRABLE INITIALLY DEFERRED, "label" varchar(20) NOT NULL);
CREATE INDEX "collation_tagged_word_id_1a4fb850" ON "collation_tagged" ("word_id");
