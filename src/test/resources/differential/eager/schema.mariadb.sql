CREATE TABLE `eager_customer` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(40) NOT NULL, `credit` numeric(8, 2) NOT NULL);
CREATE TABLE `eager_invoice` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `customer_id` integer NOT NULL, `total` numeric(8, 2) NOT NULL, `issued` date NOT NULL, `paid` bool NOT NULL, `status` varchar(10) NOT NULL);
ALTER TABLE `eager_invoice` ADD CONSTRAINT `eager_invoice_customer_id_38ce72dc_fk_eager_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `eager_customer` (`id`);
