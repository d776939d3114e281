set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT (total_cents * 1.21)::integer $function$
;
