-- hazards: blocking-lock
CREATE INDEX articles_author_published_idx ON public.articles USING btree (author_id, published_at DESC);
