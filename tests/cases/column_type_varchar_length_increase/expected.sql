alter table "public"."products" alter column "sku" set data type character varying(64) using "sku"::character varying(64);
