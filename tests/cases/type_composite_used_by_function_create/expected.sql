set check_function_bodies = off;
create type "public"."money_amount" as ("amount_cents" bigint, "currency" character(3));
CREATE OR REPLACE FUNCTION public.make_amount(cents bigint, cur character)
 RETURNS money_amount
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW(cents, cur)::money_amount $function$
;
