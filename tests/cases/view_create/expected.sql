create or replace view "public"."active_customers" as  SELECT id,
    email,
    country
   FROM customers
  WHERE active;
