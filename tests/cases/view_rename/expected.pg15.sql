drop view if exists "public"."active_customers";
create or replace view "public"."current_customers" as  SELECT customers.id,
    customers.email,
    customers.country
   FROM customers
  WHERE customers.active;
