ALTER VIEW public.active_customers RESET (security_invoker);
