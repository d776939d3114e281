-- A foreign key keeps its name but moves to a new column (class 4).
ALTER TABLE reviews DROP CONSTRAINT reviews_account_fk;
ALTER TABLE reviews DROP COLUMN account_id;
ALTER TABLE reviews ADD COLUMN reviewer_id bigint CONSTRAINT reviews_account_fk REFERENCES accounts (id);
