-- A column type change under a policy (class 10).
DROP POLICY bookmarks_owner ON bookmarks;
ALTER TABLE bookmarks ALTER COLUMN owner_name TYPE varchar(100);
CREATE POLICY bookmarks_owner ON bookmarks USING (owner_name = current_user);
