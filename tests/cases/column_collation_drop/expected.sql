alter table "public"."products" alter column "sku" set data type character varying(32) using "sku"::character varying(32);
