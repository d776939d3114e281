-- hazards: data-loss
DROP DOMAIN public.email_address;
