create or replace view "public"."active_customers" as  SELECT id,
    email,
    country,
    active
   FROM customers
  WHERE active;
