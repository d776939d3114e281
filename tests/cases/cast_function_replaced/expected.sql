DROP CAST (integer AS public.duration);
drop function if exists "public"."to_duration"(integer);
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.to_duration(total_minutes integer)
 RETURNS duration
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW(total_minutes / 60, total_minutes % 60)::duration $function$
;
CREATE CAST (integer AS public.duration) WITH FUNCTION public.to_duration(integer) AS ASSIGNMENT;
COMMENT ON CAST (integer AS public.duration) IS 'minutes';
