ALTER TYPE public.order_status ADD VALUE 'packed' AFTER 'paid';
