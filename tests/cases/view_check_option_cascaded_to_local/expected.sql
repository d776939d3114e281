ALTER VIEW public.active_customers SET (check_option='local');
