-- hazards: blocking-lock
CREATE INDEX articles_author_id_idx ON public.articles USING btree (author_id) INCLUDE (title, status);
