create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
create table "public"."orders" (
    "id" bigint not null,
    "status" order_status not null,
    "placed_at" timestamp with time zone not null default now()
);
CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id);
alter table "public"."orders" add constraint "orders_pkey" PRIMARY KEY using index "orders_pkey";
