-- hazards: table-rewrite, blocking-lock
alter table "public"."products" alter column "stock" set data type bigint using "stock"::bigint;
