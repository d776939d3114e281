alter table "public"."products" alter column "sku" set data type character varying(32) collate "POSIX" using "sku"::character varying(32);
