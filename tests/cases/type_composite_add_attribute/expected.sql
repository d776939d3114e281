ALTER TYPE public.money_amount ADD ATTRIBUTE exchange_rate numeric;
