-- Rendered from templates/lists/list.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.user_list (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('recommendation', 'tier')),
    visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Targets of composite keys: items name their list with its owner, tiers with its kind.
    UNIQUE (owner_id, id),
    UNIQUE (id, kind)
);

CREATE INDEX user_list_public_idx ON audiobooks.user_list (updated_at DESC) WHERE visibility = 'public';

COMMENT ON TABLE audiobooks.user_list IS
    'A list a user curates from their library: a recommendation list (ordered) or a tier list (ordered items grouped in the list''s own tiers).';
COMMENT ON COLUMN audiobooks.user_list.kind IS 'recommendation or tier; only tier lists can have tiers (key list_tier -> (id, kind)).';
COMMENT ON COLUMN audiobooks.user_list.visibility IS 'private: owner only; public: readable by every user (row-level security).';
COMMENT ON COLUMN audiobooks.user_list.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.user_list.updated_at IS 'Last change to the row; maintained by trigger user_list_set_updated_at.';

CREATE TRIGGER user_list_set_updated_at
    BEFORE UPDATE ON audiobooks.user_list
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.user_list ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.user_list FORCE ROW LEVEL SECURITY;

CREATE POLICY user_list_select ON audiobooks.user_list FOR SELECT
    USING (owner_id = audiobooks.current_user_id() OR visibility = 'public');
CREATE POLICY user_list_write ON audiobooks.user_list FOR ALL
    USING (owner_id = audiobooks.current_user_id())
    WITH CHECK (owner_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.user_list TO audiobooks_app;

CREATE TABLE audiobooks.list_tier (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id bigint NOT NULL,
    list_kind text NOT NULL GENERATED ALWAYS AS ('tier') STORED,
    label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 30),
    position integer NOT NULL CHECK (position >= 1),
    color text CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Tiers exist on tier lists only.
    FOREIGN KEY (list_id, list_kind) REFERENCES audiobooks.user_list (id, kind) ON DELETE CASCADE,
    -- Deferrable: a whole list of tiers can be reordered or relabelled in one UPDATE.
    CONSTRAINT list_tier_position_key UNIQUE (list_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT list_tier_label_key UNIQUE (list_id, label) DEFERRABLE INITIALLY IMMEDIATE,
    -- Target of list_item's key (tier, list): an item's tier belongs to the item's list.
    UNIQUE (id, list_id)
);

CREATE INDEX list_tier_list_id_list_kind_idx ON audiobooks.list_tier (list_id, list_kind);

COMMENT ON TABLE audiobooks.list_tier IS
    'A tier of a tier list (S, A, B, C, ... or anything the owner names): rows, so each list edits its own.';
COMMENT ON COLUMN audiobooks.list_tier.list_kind IS
    'Generated, always ''tier'': with the key (list_id, list_kind) -> user_list (id, kind) it keeps tiers off recommendation lists.';
COMMENT ON COLUMN audiobooks.list_tier.position IS 'Order of the tier in its list, from 1 (top); unique per list, checked at the end of each statement.';
COMMENT ON COLUMN audiobooks.list_tier.color IS 'Display colour, #rrggbb.';
COMMENT ON COLUMN audiobooks.list_tier.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.list_tier.updated_at IS 'Last change to the row; maintained by trigger list_tier_set_updated_at.';

CREATE TRIGGER list_tier_set_updated_at
    BEFORE UPDATE ON audiobooks.list_tier
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.list_tier ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.list_tier FORCE ROW LEVEL SECURITY;

-- Tiers are as visible as their list, and written by the list's owner only.
CREATE POLICY list_tier_select ON audiobooks.list_tier FOR SELECT
    USING (EXISTS (
        SELECT FROM audiobooks.user_list l
        WHERE l.id = list_tier.list_id
          AND (l.owner_id = audiobooks.current_user_id() OR l.visibility = 'public')
    ));
CREATE POLICY list_tier_write ON audiobooks.list_tier FOR ALL
    USING (EXISTS (
        SELECT FROM audiobooks.user_list l
        WHERE l.id = list_tier.list_id AND l.owner_id = audiobooks.current_user_id()
    ))
    WITH CHECK (EXISTS (
        SELECT FROM audiobooks.user_list l
        WHERE l.id = list_tier.list_id AND l.owner_id = audiobooks.current_user_id()
    ));

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.list_tier TO audiobooks_app;
