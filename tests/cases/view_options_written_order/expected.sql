ALTER VIEW public.v SET (security_invoker='true', security_barrier='true');
