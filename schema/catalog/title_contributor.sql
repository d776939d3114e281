-- Rendered from templates/catalog/title_contributor.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.title_contributor (
    title_id bigint NOT NULL REFERENCES audiobooks.title (id) ON DELETE CASCADE,
    contributor_id bigint NOT NULL REFERENCES audiobooks.contributor (id),
    role text NOT NULL CHECK (role IN ('author', 'narrator')),
    position smallint NOT NULL CHECK (position >= 1),
    PRIMARY KEY (title_id, role, contributor_id),
    UNIQUE (title_id, role, position)
);

CREATE INDEX title_contributor_contributor_id_idx ON audiobooks.title_contributor (contributor_id);

COMMENT ON TABLE audiobooks.title_contributor IS
    'Who is credited on a title, in which role and order (Audible''s authors[] and narrators[]).';
COMMENT ON COLUMN audiobooks.title_contributor.role IS 'author or narrator: the list of Audible''s item the credit came from.';
COMMENT ON COLUMN audiobooks.title_contributor.position IS 'Order of the credit within its role, from 1, as Audible lists it.';

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.title_contributor TO audiobooks_app;
