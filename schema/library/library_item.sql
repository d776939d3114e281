-- Rendered from templates/library/library_item.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE FUNCTION audiobooks.tags_are_valid(tags text[]) RETURNS boolean
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT cardinality(tags) <= 50
       AND (cardinality(tags) = 0 OR array_ndims(tags) = 1)
       AND NOT EXISTS (
           SELECT FROM unnest(tags) AS t(tag)
           WHERE tag IS NULL OR char_length(tag) NOT BETWEEN 1 AND 50 OR tag <> btrim(tag)
       )
       AND (SELECT count(DISTINCT tag) FROM unnest(tags) AS t(tag)) = cardinality(tags)
$$;

COMMENT ON FUNCTION audiobooks.tags_are_valid(text[]) IS
    'CHECK helper for library_item.tags: at most 50 distinct, trimmed, non-empty tags of at most 50 characters, in a one-dimensional array.';

CREATE TABLE audiobooks.library_item (
    user_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    -- No ON DELETE action: deleting a catalog title that a library holds is refused.
    title_id bigint NOT NULL REFERENCES audiobooks.title (id),
    shelf text NOT NULL DEFAULT 'library' CHECK (shelf IN ('library', 'wishlist')),
    added_at timestamptz NOT NULL DEFAULT now(),
    progress_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
    position_ms bigint CHECK (position_ms >= 0),
    is_finished boolean NOT NULL DEFAULT false,
    finished_at timestamptz,
    rating_overall smallint CHECK (rating_overall BETWEEN 1 AND 5),
    rating_performance smallint CHECK (rating_performance BETWEEN 1 AND 5),
    rating_story smallint CHECK (rating_story BETWEEN 1 AND 5),
    note text CHECK (char_length(note) BETWEEN 1 AND 5000),
    tags text[] NOT NULL DEFAULT '{}' CHECK (audiobooks.tags_are_valid(tags)),
    missing_since timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, title_id),
    -- Target of list_item's key (owner, title, 'library'): lists hold library titles only.
    UNIQUE (user_id, title_id, shelf),
    -- Finished state and time agree: a finish time means finished, finished has a time.
    CHECK (is_finished = (finished_at IS NOT NULL))
);

CREATE INDEX library_item_title_id_idx ON audiobooks.library_item (title_id);
CREATE INDEX library_item_tags_idx ON audiobooks.library_item USING gin (tags);

COMMENT ON TABLE audiobooks.library_item IS
    'One row per user and title: a title the user owns (shelf library) or wants (shelf wishlist), with listening state and personal notes.';
COMMENT ON COLUMN audiobooks.library_item.shelf IS 'library (owned) or wishlist. Only library titles can be put on lists.';
COMMENT ON COLUMN audiobooks.library_item.added_at IS 'When the title joined the library or wishlist (Audible date_added / purchase_date).';
COMMENT ON COLUMN audiobooks.library_item.progress_percent IS 'Listening progress, 0 to 100 (Audible percent_complete).';
COMMENT ON COLUMN audiobooks.library_item.position_ms IS 'Last listening position in milliseconds from the start, when known.';
COMMENT ON COLUMN audiobooks.library_item.is_finished IS 'Finished listening; true exactly when finished_at is set.';
COMMENT ON COLUMN audiobooks.library_item.finished_at IS 'When the user finished the title; set exactly when is_finished.';
COMMENT ON COLUMN audiobooks.library_item.rating_overall IS 'The user''s own rating, 1 to 5 stars; NULL when not rated.';
COMMENT ON COLUMN audiobooks.library_item.rating_performance IS 'The user''s narration rating, 1 to 5; NULL when not rated.';
COMMENT ON COLUMN audiobooks.library_item.rating_story IS 'The user''s story rating, 1 to 5; NULL when not rated.';
COMMENT ON COLUMN audiobooks.library_item.note IS 'Private note of the user on the title.';
COMMENT ON COLUMN audiobooks.library_item.tags IS 'The user''s own tags, distinct and trimmed (see tags_are_valid).';
COMMENT ON COLUMN audiobooks.library_item.missing_since IS
    'Set when a sync no longer finds the title in the user''s Audible library, cleared when it returns. The row is kept so lists built on it are not lost.';
COMMENT ON COLUMN audiobooks.library_item.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.library_item.updated_at IS 'Last change to the row; maintained by trigger library_item_set_updated_at.';

CREATE TRIGGER library_item_set_updated_at
    BEFORE UPDATE ON audiobooks.library_item
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.library_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.library_item FORCE ROW LEVEL SECURITY;

-- A library is private: its owner alone reads and writes it.
CREATE POLICY library_item_owner ON audiobooks.library_item FOR ALL
    USING (user_id = audiobooks.current_user_id())
    WITH CHECK (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.library_item TO audiobooks_app;
