create type "public"."order_status" as enum ('pending', 'paid', 'refunded');
ALTER TABLE public.orders ALTER COLUMN state DROP DEFAULT;
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column "state" set data type order_status using "state"::text::order_status;
alter table "public"."orders" alter column "state" set default 'pending'::order_status;
-- hazards: data-loss
DROP TYPE public.order_state;
