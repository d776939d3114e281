DROP RULE reviews_archive ON public.reviews;
alter table "public"."reviews" alter column "body" set data type character varying(2000) using "body"::character varying(2000);
CREATE RULE reviews_archive AS
    ON DELETE TO public.reviews DO  INSERT INTO public.deleted_reviews (id, body)
  VALUES (old.id, old.body);
