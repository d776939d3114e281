-- hazards: data-loss
DROP DOMAIN public.price;
create type "public"."price" as ("amount" numeric(10,2), "currency" character(3));
