ALTER VIEW public.active_customers SET (security_barrier='true');
