alter table "public"."products" alter column "sku" drop not null;
