-- A materialized view with indexes of its own.
CREATE MATERIALIZED VIEW title_stats AS
SELECT t.id, t.name, t.length_s
FROM titles t;

CREATE UNIQUE INDEX title_stats_id_idx ON title_stats (id);
CREATE INDEX title_stats_name_idx ON title_stats (name);
