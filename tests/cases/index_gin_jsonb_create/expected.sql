-- hazards: blocking-lock
CREATE INDEX articles_metadata_idx ON public.articles USING gin (metadata jsonb_path_ops);
