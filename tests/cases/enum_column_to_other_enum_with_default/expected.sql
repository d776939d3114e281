ALTER TABLE public.orders ALTER COLUMN state DROP DEFAULT;
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column "state" set data type payment_state using "state"::text::payment_state;
alter table "public"."orders" alter column "state" set default 'pending'::payment_state;
