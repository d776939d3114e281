-- Rendered from templates/catalog/title_series.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.title_series (
    title_id bigint NOT NULL REFERENCES audiobooks.title (id) ON DELETE CASCADE,
    series_id bigint NOT NULL REFERENCES audiobooks.series (id),
    sequence text CHECK (char_length(sequence) BETWEEN 1 AND 30),
    sort_key numeric GENERATED ALWAYS AS (
        substring(sequence FROM '[0-9]+(?:\.[0-9]+)?')::numeric
    ) STORED,
    PRIMARY KEY (title_id, series_id)
);

CREATE INDEX title_series_series_id_sort_key_idx ON audiobooks.title_series (series_id, sort_key);

COMMENT ON TABLE audiobooks.title_series IS 'A title''s place in a series; a title can be in several series.';
COMMENT ON COLUMN audiobooks.title_series.sequence IS
    'Position exactly as Audible writes it ("1", "1.5", "1-3", "Book 2"); NULL when Audible gives none.';
COMMENT ON COLUMN audiobooks.title_series.sort_key IS
    'Generated: the first number in sequence ("1-3" -> 1, "1.5" -> 1.5), so that 2 sorts before 10; NULL when sequence holds no number.';

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.title_series TO audiobooks_app;
