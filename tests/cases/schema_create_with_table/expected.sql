create schema if not exists "billing";
create table "billing"."invoices" (
    "id" bigint not null,
    "issued_on" date not null,
    "amount_cents" bigint not null
);
CREATE UNIQUE INDEX invoices_pkey ON billing.invoices USING btree (id);
alter table "billing"."invoices" add constraint "invoices_pkey" PRIMARY KEY using index "invoices_pkey";
