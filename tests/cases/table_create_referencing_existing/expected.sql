create table "public"."orders" (
    "id" bigint not null,
    "customer_id" bigint not null,
    "placed_at" timestamp with time zone not null default now(),
    "total_cents" integer not null
);
CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id);
alter table "public"."orders" add constraint "orders_pkey" PRIMARY KEY using index "orders_pkey";
alter table "public"."orders" add constraint "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id) not valid;
alter table "public"."orders" validate constraint "orders_customer_id_fkey";
