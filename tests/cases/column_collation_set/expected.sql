alter table "public"."products" alter column "sku" set data type character varying(32) collate "C" using "sku"::character varying(32);
