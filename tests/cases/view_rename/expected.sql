drop view if exists "public"."active_customers";
create or replace view "public"."current_customers" as  SELECT id,
    email,
    country
   FROM customers
  WHERE active;
