-- hazards: data-loss
drop materialized view if exists "public"."daily_revenue";
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."orders" alter column "total_cents" set data type bigint using "total_cents"::bigint;
create materialized view "public"."daily_revenue" as  SELECT date_trunc('day'::text, placed_at) AS day,
    sum(total_cents) AS revenue_cents,
    count(*) AS orders
   FROM orders
  GROUP BY (date_trunc('day'::text, placed_at));
