-- hazards: data-loss
drop type "public"."money_amount";
create type "public"."money_amount" as ("amount_cents" bigint, "currency" character(3), "exchange_rate" numeric);
