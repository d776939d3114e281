create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
CREATE DOMAIN public.open_status AS public.order_status DEFAULT 'paid'::public.order_status CONSTRAINT open_status_check CHECK ((VALUE <> 'shipped'::public.order_status));
create table "public"."shipments" (
    "id" bigint not null,
    "status" open_status,
    "statuses" open_status[]
);
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" add column "status" open_status not null default 'pending'::order_status;
CREATE UNIQUE INDEX shipments_pkey ON public.shipments USING btree (id);
alter table "public"."shipments" add constraint "shipments_pkey" PRIMARY KEY using index "shipments_pkey";
