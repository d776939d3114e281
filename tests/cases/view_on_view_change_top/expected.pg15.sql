create or replace view "public"."top_customers" as  SELECT customer_order_stats.customer_id,
    customer_order_stats.email,
    customer_order_stats.revenue_cents
   FROM customer_order_stats
  WHERE (customer_order_stats.revenue_cents > 500000);
