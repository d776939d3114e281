CREATE TABLE bookmarks (
    id bigint PRIMARY KEY,
    owner_name varchar(50) NOT NULL DEFAULT current_user,
    position_ms integer NOT NULL
);

ALTER TABLE bookmarks ENABLE ROW LEVEL SECURITY;

CREATE POLICY bookmarks_owner ON bookmarks TO case_reader USING (owner_name = current_user);
