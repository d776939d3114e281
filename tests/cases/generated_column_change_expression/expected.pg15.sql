ALTER TABLE public.order_lines DROP COLUMN total_cents;
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_lines ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((((quantity * unit_price_cents) * 11) / 10)) STORED;
