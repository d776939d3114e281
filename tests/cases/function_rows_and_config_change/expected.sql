-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.upto(n integer)
 RETURNS SETOF integer
 LANGUAGE sql
 STABLE COST 30 ROWS 100
AS $function$ SELECT generate_series(1, n) $function$;
-- hazards: untracked-dependency
CREATE OR REPLACE PROCEDURE public.tidy()
 LANGUAGE sql
 SET search_path TO 'public'
AS $procedure$ SELECT 1 $procedure$;
