drop view if exists "public"."active_customers";
