create or replace view "public"."active_customers" as  SELECT customers.id,
    customers.email,
    customers.country,
    customers.active
   FROM customers
  WHERE customers.active;
