COMMENT ON CONSTRAINT "amount.positive" ON public.prices IS 'a price is never free';
