drop view if exists "public"."top_customers";
drop view if exists "public"."customer_order_stats";
