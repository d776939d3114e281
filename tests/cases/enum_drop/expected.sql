-- hazards: data-loss
DROP TYPE public.order_status;
