create extension if not exists "btree_gist" with schema "public" version '1.7';
-- hazards: blocking-lock
CREATE INDEX shifts_worker_during_idx ON public.shifts USING gist (worker_id, during);
COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';
