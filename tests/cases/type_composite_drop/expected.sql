-- hazards: data-loss
DROP TYPE public.money_amount;
