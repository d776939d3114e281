-- hazards: index-dropped
drop index if exists "public"."articles_published_idx";
-- hazards: blocking-lock
CREATE INDEX articles_published_idx ON public.articles USING btree (published_at) WHERE (status = ANY (ARRAY['published'::text, 'featured'::text]));
