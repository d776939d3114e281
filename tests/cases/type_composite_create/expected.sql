create type "public"."money_amount" as ("amount_cents" bigint, "currency" character(3));
