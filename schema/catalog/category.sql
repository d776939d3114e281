-- Rendered from templates/catalog/category.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.category (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audible_category_id text NOT NULL UNIQUE CHECK (char_length(audible_category_id) BETWEEN 1 AND 40),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    parent_id bigint REFERENCES audiobooks.category (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id <> id)
);

CREATE INDEX category_parent_id_idx ON audiobooks.category (parent_id);

COMMENT ON TABLE audiobooks.category IS
    'A node of Audible''s category tree (Science Fiction & Fantasy > Fantasy > Epic). Titles sit on ladders of these, see title_category.';
COMMENT ON COLUMN audiobooks.category.audible_category_id IS
    'Audible''s category id (a browse-node number, distinct across marketplaces), kept as text.';
COMMENT ON COLUMN audiobooks.category.parent_id IS 'The category one step closer to the root; NULL for a root category.';
COMMENT ON COLUMN audiobooks.category.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.category.updated_at IS 'Last change to the row; maintained by trigger category_set_updated_at.';

CREATE TRIGGER category_set_updated_at
    BEFORE UPDATE ON audiobooks.category
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

GRANT SELECT, INSERT, UPDATE ON audiobooks.category TO audiobooks_app;
