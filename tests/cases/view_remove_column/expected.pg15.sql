drop view if exists "public"."active_customers";
create or replace view "public"."active_customers" as  SELECT customers.id,
    customers.country
   FROM customers
  WHERE customers.active;
