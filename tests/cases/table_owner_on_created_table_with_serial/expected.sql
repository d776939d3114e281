CREATE SEQUENCE public.invoices_id_seq AS integer;
create table "public"."invoices" (
    "id" integer not null default nextval('invoices_id_seq'::regclass),
    "account_id" bigint not null
);
alter sequence "public"."invoices_id_seq" owned by "public"."invoices"."id";
CREATE UNIQUE INDEX invoices_pkey ON public.invoices USING btree (id);
alter table "public"."invoices" add constraint "invoices_pkey" PRIMARY KEY using index "invoices_pkey";
alter table "public"."invoices" add constraint "invoices_account_id_fkey" FOREIGN KEY (account_id) REFERENCES accounts(id) not valid;
alter table "public"."invoices" validate constraint "invoices_account_id_fkey";
ALTER TABLE public.invoices OWNER TO case_writer;
