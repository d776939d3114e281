-- hazards: index-dropped
alter table "public"."customer" drop constraint "customer_pkey";
drop index if exists "public"."customer_pkey";
-- hazards: data-loss
drop table "public"."customer";
create table "public"."customers" (
    "id" bigint not null,
    "email" text not null
);
CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id);
alter table "public"."customers" add constraint "customers_pkey" PRIMARY KEY using index "customers_pkey";
