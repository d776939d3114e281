-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.same_length(a text, b text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE LEAKPROOF COST 5
 SET search_path TO 'pg_catalog'
AS $function$ SELECT length(a) = length(b) $function$;
