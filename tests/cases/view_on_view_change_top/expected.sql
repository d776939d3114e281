create or replace view "public"."top_customers" as  SELECT customer_id,
    email,
    revenue_cents
   FROM customer_order_stats
  WHERE (revenue_cents > 500000);
