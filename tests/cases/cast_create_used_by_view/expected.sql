create type "public"."duration" as ("hours" integer, "minutes" integer);
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.to_duration(integer)
 RETURNS duration
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW($1 / 60, $1 % 60)::duration $function$
;
CREATE CAST (integer AS public.duration) WITH FUNCTION public.to_duration(integer) AS ASSIGNMENT;
create or replace view "public"."reading_duration" as  SELECT (minutes)::duration AS spent
   FROM reading;
COMMENT ON CAST (integer AS public.duration) IS 'minutes as hours and minutes';
