create or replace view "public"."active_customers" as  SELECT customers.id,
    customers.email,
    customers.country
   FROM customers
  WHERE (customers.active AND (customers.country <> 'XX'::bpchar));
