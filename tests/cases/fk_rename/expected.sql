ALTER TABLE public.orders RENAME CONSTRAINT orders_customer_id_fkey TO orders_customer_fk;
