CREATE SEQUENCE public.invoice_number_seq AS bigint START WITH 1000;
-- hazards: table-rewrite, blocking-lock
alter table "public"."invoices" add column "number" bigint not null default nextval('invoice_number_seq'::regclass);
