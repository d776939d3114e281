-- Rendered from templates/catalog/marketplace.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.marketplace (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z]{2}$'),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    site_domain text NOT NULL UNIQUE CHECK (site_domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$' AND char_length(site_domain) <= 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE audiobooks.marketplace IS
    'An Audible store (audible.com, audible.co.uk, ...). The same book has different ASINs in different stores, so every catalog title belongs to one marketplace.';
COMMENT ON COLUMN audiobooks.marketplace.code IS 'Audible''s two-letter locale code: us, uk, de, fr, ca, au, in, it, es, jp, br.';
COMMENT ON COLUMN audiobooks.marketplace.site_domain IS 'Host name of the store, e.g. audible.co.uk.';
COMMENT ON COLUMN audiobooks.marketplace.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.marketplace.updated_at IS 'Last change to the row; maintained by trigger marketplace_set_updated_at.';

CREATE TRIGGER marketplace_set_updated_at
    BEFORE UPDATE ON audiobooks.marketplace
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

GRANT SELECT ON audiobooks.marketplace TO audiobooks_app;
