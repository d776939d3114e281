ALTER MATERIALIZED VIEW public.title_plays CLUSTER ON title_plays_title;
