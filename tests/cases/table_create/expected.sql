create table "public"."customers" (
    "id" bigint not null,
    "email" text not null,
    "full_name" text not null,
    "created_at" timestamp with time zone not null default now()
);
CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id);
alter table "public"."customers" add constraint "customers_pkey" PRIMARY KEY using index "customers_pkey";
