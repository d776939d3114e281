-- hazards: index-dropped
drop index if exists "public"."articles_author_idx";
-- hazards: blocking-lock
CREATE INDEX articles_author_idx ON public.articles USING btree (author_id, status);
