ALTER SEQUENCE public.orders_id_seq RENAME TO order_numbers;
ALTER TABLE public.orders ALTER COLUMN id SET START WITH 1000;
