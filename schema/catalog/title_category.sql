-- Rendered from templates/catalog/title_category.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.title_category (
    title_id bigint NOT NULL REFERENCES audiobooks.title (id) ON DELETE CASCADE,
    ladder smallint NOT NULL CHECK (ladder >= 1),
    depth smallint NOT NULL CHECK (depth >= 0),
    category_id bigint NOT NULL REFERENCES audiobooks.category (id),
    parent_depth smallint GENERATED ALWAYS AS (nullif(depth, 0) - 1) STORED,
    PRIMARY KEY (title_id, ladder, depth),
    -- A ladder has no gaps: every rung below the root stands on the rung above it.
    FOREIGN KEY (title_id, ladder, parent_depth)
        REFERENCES audiobooks.title_category (title_id, ladder, depth) ON DELETE CASCADE
);

CREATE INDEX title_category_category_id_idx ON audiobooks.title_category (category_id);
CREATE INDEX title_category_parent_idx ON audiobooks.title_category (title_id, ladder, parent_depth);

COMMENT ON TABLE audiobooks.title_category IS
    'Audible''s category ladders of a title: each ladder is a path from a root category (depth 0) down to a leaf.';
COMMENT ON COLUMN audiobooks.title_category.ladder IS 'Which of the title''s ladders (Audible category_ladders[]), from 1.';
COMMENT ON COLUMN audiobooks.title_category.depth IS 'Rung of the ladder: 0 is the root, each step towards the leaf adds 1.';
COMMENT ON COLUMN audiobooks.title_category.parent_depth IS
    'Generated: depth - 1 (NULL at the root); with the self-referencing key it makes every ladder gapless.';

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.title_category TO audiobooks_app;
