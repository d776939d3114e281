-- The enum type is replaced by a domain of the same name (class 8).
ALTER TABLE collections ALTER COLUMN shown DROP DEFAULT;
ALTER TABLE collections ALTER COLUMN shown TYPE text;
DROP TYPE visibility;

CREATE DOMAIN visibility AS text CHECK (VALUE IN ('public', 'private', 'unlisted'));

ALTER TABLE collections ALTER COLUMN shown TYPE visibility;
ALTER TABLE collections ALTER COLUMN shown SET DEFAULT 'private';
