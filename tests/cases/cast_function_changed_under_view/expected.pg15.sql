drop view if exists "public"."reading_duration";
DROP CAST (integer AS public.duration);
CREATE CAST (integer AS public.duration) WITH FUNCTION public.to_duration_rounded(integer);
create view "public"."reading_duration" as SELECT (reading.minutes)::public.duration AS spent
   FROM public.reading;
COMMENT ON VIEW public.reading_duration IS 'time spent';
