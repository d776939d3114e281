set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.new_public_id()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT substr(md5(random()::text), 1, 16) $function$
;
