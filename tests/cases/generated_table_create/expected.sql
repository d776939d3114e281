create table "public"."order_lines" (
    "id" bigint not null,
    "quantity" integer not null,
    "unit_price_cents" integer not null,
    "total_cents" bigint generated always as ((quantity * unit_price_cents)) stored
);
CREATE UNIQUE INDEX order_lines_pkey ON public.order_lines USING btree (id);
alter table "public"."order_lines" add constraint "order_lines_pkey" PRIMARY KEY using index "order_lines_pkey";
