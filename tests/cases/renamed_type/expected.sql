-- hazards: rename
ALTER TYPE public.status RENAME TO order_status;
