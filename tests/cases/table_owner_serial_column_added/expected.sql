CREATE SEQUENCE public.invoices_number_seq AS integer;
-- hazards: table-rewrite, blocking-lock
alter table "public"."invoices" add column "number" integer not null default nextval('invoices_number_seq'::regclass);
ALTER SEQUENCE public.invoices_number_seq OWNER TO case_writer;
alter sequence "public"."invoices_number_seq" owned by "public"."invoices"."number";
