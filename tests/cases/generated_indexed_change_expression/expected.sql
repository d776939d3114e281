-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_lines ALTER COLUMN total_cents SET EXPRESSION AS ((((quantity * unit_price_cents) * 11) / 10));
