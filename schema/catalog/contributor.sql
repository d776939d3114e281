-- Rendered from templates/catalog/contributor.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.contributor (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asin text CHECK (asin ~ '^[0-9A-Z]{10}$'),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Contributors with an Audible id are matched by it, never by name (two authors can
-- share a name; one author's name can be spelled two ways).
CREATE UNIQUE INDEX contributor_asin_key ON audiobooks.contributor (asin) WHERE asin IS NOT NULL;
CREATE INDEX contributor_name_idx ON audiobooks.contributor (lower(name));

COMMENT ON TABLE audiobooks.contributor IS
    'A person credited on titles: author, narrator. Shared by all users.';
COMMENT ON COLUMN audiobooks.contributor.asin IS
    'Audible''s contributor id when it has one (authors usually do, narrators usually not); unique when present.';
COMMENT ON COLUMN audiobooks.contributor.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.contributor.updated_at IS 'Last change to the row; maintained by trigger contributor_set_updated_at.';

CREATE TRIGGER contributor_set_updated_at
    BEFORE UPDATE ON audiobooks.contributor
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

GRANT SELECT, INSERT, UPDATE ON audiobooks.contributor TO audiobooks_app;
