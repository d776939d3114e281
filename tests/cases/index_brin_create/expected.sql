-- hazards: blocking-lock
CREATE INDEX articles_published_brin ON public.articles USING brin (published_at);
