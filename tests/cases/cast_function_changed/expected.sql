DROP CAST (integer AS public.duration);
CREATE CAST (integer AS public.duration) WITH FUNCTION public.to_duration_rounded(integer) AS ASSIGNMENT;
