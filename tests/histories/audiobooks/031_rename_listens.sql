-- A table rename: its primary key keeps the old name (class 4: the key moves to a
-- renamed table).
ALTER TABLE listens RENAME TO plays;
