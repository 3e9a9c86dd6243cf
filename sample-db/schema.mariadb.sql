-- The sample blog (sample-db/blog/models.py, app label "blog") on MariaDB 10.5+ / MySQL 8.
-- The DDL Django 3.2's mysql backend writes for these models (schema_editor), with DEFAULT_AUTO_FIELD =
-- AutoField; word_count is the generated column Django 5's GeneratedField writes (Length is CHAR_LENGTH there).
-- The database's default character set should be utf8mb4 (CREATE DATABASE ... CHARACTER SET utf8mb4).
-- Keep in step with schema.sqlite.sql, schema.postgresql.sql and blog/models.py; the sample-db command runs
-- this file: every CREATE TABLE first, then the data, then the remaining statements (foreign keys).

--
-- Create model Author
--
CREATE TABLE `blog_author` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL, `email` varchar(254) NOT NULL UNIQUE);
--
-- Create model Tag
--
CREATE TABLE `blog_tag` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(50) NOT NULL UNIQUE);
--
-- Create model Profile
--
CREATE TABLE `blog_profile` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `bio` longtext NOT NULL, `website` varchar(200) NULL, `author_id` integer NOT NULL UNIQUE);
--
-- Create model Post
--
CREATE TABLE `blog_post` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `title` varchar(200) NOT NULL, `slug` varchar(200) NOT NULL UNIQUE, `body` longtext NOT NULL, `published_at` datetime(6) NULL, `updated_at` datetime(6) NOT NULL, `view_count` integer NOT NULL, `word_count` integer GENERATED ALWAYS AS (((CHAR_LENGTH(`body`) - CHAR_LENGTH(REPLACE(`body`, ' ', ''))) + 1)) STORED, `author_id` integer NOT NULL);
CREATE TABLE `blog_post_tags` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `post_id` integer NOT NULL, `tag_id` integer NOT NULL);
--
-- Create model Comment
--
CREATE TABLE `blog_comment` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `author_name` varchar(100) NOT NULL, `body` longtext NOT NULL, `created_at` datetime(6) NOT NULL, `post_id` integer NOT NULL);
ALTER TABLE `blog_profile` ADD CONSTRAINT `blog_profile_author_id_06a52c54_fk_blog_author_id` FOREIGN KEY (`author_id`) REFERENCES `blog_author` (`id`);
ALTER TABLE `blog_post` ADD CONSTRAINT `blog_post_author_id_dd7a8485_fk_blog_author_id` FOREIGN KEY (`author_id`) REFERENCES `blog_author` (`id`);
ALTER TABLE `blog_post_tags` ADD CONSTRAINT `blog_post_tags_post_id_tag_id_4925ec37_uniq` UNIQUE (`post_id`, `tag_id`);
ALTER TABLE `blog_post_tags` ADD CONSTRAINT `blog_post_tags_post_id_a1c71c8a_fk_blog_post_id` FOREIGN KEY (`post_id`) REFERENCES `blog_post` (`id`);
ALTER TABLE `blog_post_tags` ADD CONSTRAINT `blog_post_tags_tag_id_0875c551_fk_blog_tag_id` FOREIGN KEY (`tag_id`) REFERENCES `blog_tag` (`id`);
ALTER TABLE `blog_comment` ADD CONSTRAINT `blog_comment_post_id_580e96ef_fk_blog_post_id` FOREIGN KEY (`post_id`) REFERENCES `blog_post` (`id`);
