create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."orders" alter column "status" set data type order_status using "status"::order_status;
