-- A column type change under a rule (class 10).
DROP RULE reviews_archive ON reviews;
ALTER TABLE reviews ALTER COLUMN body TYPE varchar(2000);
CREATE RULE reviews_archive AS ON DELETE TO reviews
    DO ALSO INSERT INTO deleted_reviews (id, body) VALUES (old.id, old.body);
