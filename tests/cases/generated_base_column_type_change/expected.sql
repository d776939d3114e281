-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."order_lines" alter column "quantity" set data type bigint using "quantity"::bigint;
