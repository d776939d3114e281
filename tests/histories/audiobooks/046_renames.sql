-- More renames: a column a view reads, another column, an index, a constraint.
ALTER TABLE authors RENAME COLUMN name TO full_name;
ALTER TABLE authors RENAME COLUMN bio TO biography;
ALTER INDEX titles_author_idx RENAME TO titles_author_id_idx;
ALTER TABLE reviews RENAME CONSTRAINT reviews_rating_check TO reviews_rating_range;
