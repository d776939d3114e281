-- hazards: data-loss
ALTER TYPE public.money_amount DROP ATTRIBUTE exchange_rate;
