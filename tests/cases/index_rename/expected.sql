-- hazards: index-dropped
drop index if exists "public"."articles_author_id_idx";
-- hazards: blocking-lock
CREATE INDEX articles_by_author ON public.articles USING btree (author_id);
