-- hazards: data-loss
ALTER TYPE public.money_amount ALTER ATTRIBUTE amount_cents TYPE numeric(14,0);
