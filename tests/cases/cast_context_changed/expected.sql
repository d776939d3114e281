DROP CAST (integer AS public.duration);
CREATE CAST (integer AS public.duration) WITH FUNCTION public.to_duration(integer) AS IMPLICIT;
COMMENT ON CAST (integer AS public.duration) IS 'minutes';
