create or replace view "public"."customer_order_stats" as  SELECT c.id AS customer_id,
    c.email,
    count(o.id) AS order_count,
    sum(o.total_cents) AS revenue_cents
   FROM (customers c
     JOIN orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.email;
