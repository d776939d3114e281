-- hazards: rename
ALTER VIEW public.current_customers RENAME TO active_customers;
