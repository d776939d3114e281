-- hazards: blocking-lock
CREATE INDEX articles_title_trgm_idx ON public.articles USING gin (title gin_trgm_ops);
