create or replace view "public"."active_customers" as  SELECT id,
    email,
    country
   FROM customers
  WHERE active;
ALTER VIEW public.active_customers SET (security_barrier='true', check_option='cascaded');
