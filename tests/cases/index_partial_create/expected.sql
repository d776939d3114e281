-- hazards: blocking-lock
CREATE INDEX articles_published_idx ON public.articles USING btree (published_at) WHERE (status = 'published'::text);
