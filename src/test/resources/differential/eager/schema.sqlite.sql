CREATE TABLE "eager_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(40) NOT NULL, "credit" decimal NOT NULL);
CREATE TABLE "eager_invoice" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "customer_id" integer NOT NULL REFERENCES "eager_customer" ("id") DEFERRABLE INITIALLY DEFERRED, "total" decimal NOT NULL, "issued" date NOT NULL, "paid" bool NOT NULL, "status" varchar(10) NOT NULL);
CREATE INDEX "eager_invoice_customer_id_38ce72dc" ON "eager_invoice" ("customer_id");
