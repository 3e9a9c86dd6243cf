CREATE TABLE "collation_word" ("id" serial NOT NULL PRIMARY KEY, "text" varchar(40) NOT NULL, "note" varchar(40) NULL);
CREATE TABLE "collation_tagged" ("id" serial NOT NULL PRIMARY KEY, "word_id" integer NOT NULL, "label" varchar(20) NOT NULL);
ALTER TABLE "collation_tagged" ADD CONSTRAINT "collation_tagged_word_id_1a4fb850_fk_collation_word_id" FOREIGN KEY ("word_id") REFERENCES "collation_word" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "collation_tagged_word_id_1a4fb850" ON "collation_tagged" ("word_id");
