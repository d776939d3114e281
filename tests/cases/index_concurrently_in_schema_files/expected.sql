-- hazards: blocking-lock
CREATE INDEX bookmarks_account_idx ON public.bookmarks USING btree (account_id);
-- hazards: blocking-lock
CREATE UNIQUE INDEX bookmarks_account_position_key ON public.bookmarks USING btree (account_id, position_ms);
