drop view if exists "public"."customer_totals";
create or replace view "public"."customer_totals" as  SELECT customer_id,
    count(*) AS orders,
    (max(total_cents))::numeric AS biggest_order
   FROM orders
  GROUP BY customer_id;
