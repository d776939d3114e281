-- Rendered from templates/catalog/series.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.series (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asin text CHECK (asin ~ '^[0-9A-Z]{10}$'),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX series_asin_key ON audiobooks.series (asin) WHERE asin IS NOT NULL;
CREATE INDEX series_name_idx ON audiobooks.series (lower(name));

COMMENT ON TABLE audiobooks.series IS 'A series of titles (The Stormlight Archive). Shared by all users.';
COMMENT ON COLUMN audiobooks.series.asin IS 'Audible''s series id when it has one; unique when present.';
COMMENT ON COLUMN audiobooks.series.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.series.updated_at IS 'Last change to the row; maintained by trigger series_set_updated_at.';

CREATE TRIGGER series_set_updated_at
    BEFORE UPDATE ON audiobooks.series
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

GRANT SELECT, INSERT, UPDATE ON audiobooks.series TO audiobooks_app;
