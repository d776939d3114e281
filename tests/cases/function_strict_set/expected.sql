set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$ SELECT (total_cents * 1.2)::integer $function$
;
