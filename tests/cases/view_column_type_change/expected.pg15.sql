drop view if exists "public"."customer_totals";
create or replace view "public"."customer_totals" as  SELECT orders.customer_id,
    count(*) AS orders,
    (max(orders.total_cents))::numeric AS biggest_order
   FROM orders
  GROUP BY orders.customer_id;
