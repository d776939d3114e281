-- Bookmarks, private to their owner by row-level security.
CREATE TABLE bookmarks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    title_id bigint NOT NULL REFERENCES titles (id),
    owner_name varchar(50) NOT NULL DEFAULT current_user,
    position_ms integer NOT NULL
);

ALTER TABLE bookmarks ENABLE ROW LEVEL SECURITY;

CREATE POLICY bookmarks_owner ON bookmarks USING (owner_name = current_user);

GRANT SELECT, INSERT, UPDATE, DELETE ON bookmarks TO audiobooks_app;
