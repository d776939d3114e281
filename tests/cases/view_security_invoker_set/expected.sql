ALTER VIEW public.active_customers SET (security_invoker='true');
