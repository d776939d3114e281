-- An index built without blocking writes (class 13).
CREATE INDEX CONCURRENTLY bookmarks_account_idx ON bookmarks (account_id);
CREATE INDEX CONCURRENTLY bookmarks_title_idx ON bookmarks (title_id);
