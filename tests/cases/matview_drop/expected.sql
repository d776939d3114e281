drop materialized view if exists "public"."daily_revenue";
