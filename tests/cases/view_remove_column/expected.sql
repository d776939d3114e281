drop view if exists "public"."active_customers";
create or replace view "public"."active_customers" as  SELECT id,
    country
   FROM customers
  WHERE active;
