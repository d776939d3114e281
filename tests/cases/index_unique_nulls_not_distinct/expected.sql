-- hazards: index-dropped
DROP INDEX public.articles_author_slug_key;
-- hazards: blocking-lock
CREATE UNIQUE INDEX articles_author_slug_key ON public.articles USING btree (author_id, slug) NULLS NOT DISTINCT;
