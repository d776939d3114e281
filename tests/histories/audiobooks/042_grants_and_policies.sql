-- Privilege and policy changes.
REVOKE DELETE ON bookmarks FROM audiobooks_app;
GRANT SELECT ON title_list, recent_titles TO audiobooks_app;
GRANT SELECT, INSERT ON reviews TO audiobooks_app;
GRANT USAGE ON SCHEMA public TO case_reader;

ALTER POLICY bookmarks_owner ON bookmarks
    USING (owner_name = current_user)
    WITH CHECK (owner_name = current_user AND position_ms >= 0);

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_public ON reviews FOR SELECT USING (true);
CREATE POLICY reviews_own ON reviews FOR INSERT TO audiobooks_app WITH CHECK (reviewer_id IS NOT NULL);
