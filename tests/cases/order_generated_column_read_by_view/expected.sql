-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_lines ALTER COLUMN total_cents SET EXPRESSION AS (((quantity)::bigint * unit_price_cents));
