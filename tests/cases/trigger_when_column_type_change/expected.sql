DROP TRIGGER reviews_touch ON public.reviews;
alter table "public"."reviews" alter column "body" set data type character varying(2000) using "body"::character varying(2000);
CREATE TRIGGER reviews_touch BEFORE UPDATE ON public.reviews FOR EACH ROW WHEN (((old.body)::text IS DISTINCT FROM (new.body)::text)) EXECUTE FUNCTION public.reviews_touch();
ALTER TABLE public.reviews DISABLE TRIGGER reviews_touch;
COMMENT ON TRIGGER reviews_touch ON public.reviews IS 'only when the text changes';
