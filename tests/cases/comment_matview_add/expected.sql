COMMENT ON MATERIALIZED VIEW public.note_counts IS 'Refreshed nightly';
