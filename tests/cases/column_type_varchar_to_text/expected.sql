alter table "public"."products" alter column "sku" set data type text using "sku"::text;
