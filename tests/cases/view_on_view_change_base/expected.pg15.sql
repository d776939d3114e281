drop view if exists "public"."top_customers";
drop view if exists "public"."customer_order_stats";
create or replace view "public"."customer_order_stats" as  SELECT c.id AS customer_id,
    c.email,
    sum(o.total_cents) AS revenue_cents
   FROM (customers c
     LEFT JOIN orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.email;
create or replace view "public"."top_customers" as  SELECT customer_order_stats.customer_id,
    customer_order_stats.email,
    customer_order_stats.revenue_cents
   FROM customer_order_stats
  WHERE (customer_order_stats.revenue_cents > 100000);
