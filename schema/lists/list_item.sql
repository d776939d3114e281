-- Rendered from templates/lists/list_item.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.list_item (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    title_id bigint NOT NULL,
    shelf text NOT NULL GENERATED ALWAYS AS ('library') STORED,
    tier_id bigint,
    position integer NOT NULL CHECK (position >= 1),
    note text CHECK (char_length(note) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The item's owner is its list's owner.
    FOREIGN KEY (owner_id, list_id) REFERENCES audiobooks.user_list (owner_id, id) ON DELETE CASCADE,
    -- The title is in the owner's library, on the library shelf (not the wishlist). Syncs
    -- never delete library rows (they set missing_since), so only a deliberate removal
    -- takes a title off the owner's lists.
    FOREIGN KEY (owner_id, title_id, shelf)
        REFERENCES audiobooks.library_item (user_id, title_id, shelf) ON DELETE CASCADE,
    -- The tier is one of the item's own list; deleting a tier leaves its items unranked.
    FOREIGN KEY (tier_id, list_id) REFERENCES audiobooks.list_tier (id, list_id) ON DELETE SET NULL (tier_id),
    -- Deferrable: a whole list can be reordered in one UPDATE.
    CONSTRAINT list_item_position_key UNIQUE (list_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    UNIQUE (list_id, title_id)
);

CREATE INDEX list_item_owner_id_list_id_idx ON audiobooks.list_item (owner_id, list_id);
CREATE INDEX list_item_owner_id_title_id_shelf_idx ON audiobooks.list_item (owner_id, title_id, shelf);
CREATE INDEX list_item_tier_id_list_id_idx ON audiobooks.list_item (tier_id, list_id);

COMMENT ON TABLE audiobooks.list_item IS
    'A title on a list, in order; on a tier list, optionally in one of the list''s tiers (NULL: not yet ranked).';
COMMENT ON COLUMN audiobooks.list_item.owner_id IS 'The list''s owner, repeated so that keys can tie the item to the owner''s list and library.';
COMMENT ON COLUMN audiobooks.list_item.shelf IS
    'Generated, always ''library'': with the key to library_item (user_id, title_id, shelf) it refuses wishlist titles.';
COMMENT ON COLUMN audiobooks.list_item.tier_id IS 'Tier of a tier-list item; must belong to the same list. NULL on recommendation lists and for unranked items.';
COMMENT ON COLUMN audiobooks.list_item.position IS 'Order in the list, from 1; unique per list, checked at the end of each statement.';
COMMENT ON COLUMN audiobooks.list_item.note IS 'Why the owner placed the title here; shown with the list.';
COMMENT ON COLUMN audiobooks.list_item.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.list_item.updated_at IS 'Last change to the row; maintained by trigger list_item_set_updated_at.';

CREATE TRIGGER list_item_set_updated_at
    BEFORE UPDATE ON audiobooks.list_item
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.list_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.list_item FORCE ROW LEVEL SECURITY;

-- Items are as visible as their list, and written by the list's owner only.
CREATE POLICY list_item_select ON audiobooks.list_item FOR SELECT
    USING (
        owner_id = audiobooks.current_user_id()
        OR EXISTS (SELECT FROM audiobooks.user_list l WHERE l.id = list_item.list_id AND l.visibility = 'public')
    );
CREATE POLICY list_item_write ON audiobooks.list_item FOR ALL
    USING (owner_id = audiobooks.current_user_id())
    WITH CHECK (owner_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.list_item TO audiobooks_app;
