drop view if exists "public"."customer_order_stats";
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column "total_cents" set data type bigint using "total_cents"::bigint;
create or replace view "public"."customer_order_stats" as  SELECT c.id AS customer_id,
    c.email,
    count(o.id) AS order_count,
    sum(o.total_cents) AS revenue_cents
   FROM (customers c
     LEFT JOIN orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.email;
