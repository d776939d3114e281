drop function if exists "public"."order_total_with_tax"(total_cents integer);
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer, tax_rate numeric)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT (total_cents * (1 + tax_rate))::integer $function$
;
