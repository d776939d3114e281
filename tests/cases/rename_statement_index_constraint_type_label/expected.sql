-- hazards: rename
ALTER TYPE public.order_state RENAME TO order_status;
-- hazards: rename
ALTER INDEX public.orders_state_idx RENAME TO orders_status_idx;
-- hazards: rename
ALTER TYPE public.order_status RENAME VALUE 'paid' TO 'settled';
-- hazards: rename
ALTER TABLE public.orders RENAME CONSTRAINT orders_total_check TO orders_total_positive;
