set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.mood_label(mood)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT upper($1::text) $function$
;
CREATE CAST (public.mood AS text) WITH FUNCTION public.mood_label(public.mood);
-- hazards: blocking-lock
CREATE INDEX entry_label ON public.entry USING btree (((feeling)::text));
