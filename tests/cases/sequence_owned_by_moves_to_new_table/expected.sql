ALTER SEQUENCE public.invoices_number_seq OWNED BY NONE;
create table "public"."invoice_numbers" (
    "invoice_id" bigint not null,
    "number" integer not null default nextval('invoices_number_seq'::regclass)
);
-- hazards: data-loss
alter table "public"."invoices" drop column "number";
alter sequence "public"."invoices_number_seq" owned by "public"."invoice_numbers"."number";
CREATE UNIQUE INDEX invoice_numbers_pkey ON public.invoice_numbers USING btree (invoice_id);
alter table "public"."invoice_numbers" add constraint "invoice_numbers_pkey" PRIMARY KEY using index "invoice_numbers_pkey";
alter table "public"."invoice_numbers" add constraint "invoice_numbers_invoice_id_fkey" FOREIGN KEY (invoice_id) REFERENCES invoices(id) not valid;
alter table "public"."invoice_numbers" validate constraint "invoice_numbers_invoice_id_fkey";
