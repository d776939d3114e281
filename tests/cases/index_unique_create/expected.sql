-- hazards: blocking-lock
CREATE UNIQUE INDEX articles_slug_key ON public.articles USING btree (slug);
