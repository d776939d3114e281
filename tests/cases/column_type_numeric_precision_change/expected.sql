-- hazards: table-rewrite, blocking-lock
alter table "public"."products" alter column "price" set data type numeric(12,4) using "price"::numeric(12,4);
