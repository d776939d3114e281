CREATE SCHEMA "Shop";
CREATE TABLE "Shop"."Order" ("Id" serial PRIMARY KEY);
