create schema if not exists "billing";
create table "billing"."invoices" (
    "id" bigint not null,
    "customer_id" bigint not null,
    "amount_cents" bigint not null
);
CREATE UNIQUE INDEX invoices_pkey ON billing.invoices USING btree (id);
alter table "billing"."invoices" add constraint "invoices_pkey" PRIMARY KEY using index "invoices_pkey";
alter table "billing"."invoices" add constraint "invoices_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id) not valid;
alter table "billing"."invoices" validate constraint "invoices_customer_id_fkey";
