drop view if exists "public"."open_orders";
ALTER TYPE public.order_status ADD VALUE 'delivered';
create or replace view "public"."open_orders" as  SELECT orders.id,
    orders.status
   FROM orders
  WHERE (orders.status <> 'shipped'::order_status);
