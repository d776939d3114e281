-- hazards: index-dropped
drop index if exists "public"."articles_slug_idx";
-- hazards: blocking-lock
CREATE UNIQUE INDEX articles_slug_idx ON public.articles USING btree (slug);
