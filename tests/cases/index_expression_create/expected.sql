-- hazards: blocking-lock
CREATE INDEX articles_lower_title_idx ON public.articles USING btree (lower(title));
