create or replace view "public"."active_customers" as  SELECT id,
    email,
    country
   FROM customers
  WHERE active;
ALTER VIEW public.active_customers SET (check_option='cascaded', security_barrier='true');
