create or replace view "public"."active_customers" as  SELECT customers.id,
    customers.email,
    customers.country
   FROM customers
  WHERE customers.active;
ALTER VIEW public.active_customers SET (security_barrier='true', check_option='cascaded');
