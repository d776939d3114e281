-- Marketplaces keyed by a byte-ordered code (class 2: a created table's collated primary
-- key; an added collated column).
CREATE TABLE marketplaces (
    code text COLLATE "C" PRIMARY KEY,
    name text NOT NULL
);

ALTER TABLE titles ADD COLUMN marketplace text COLLATE "C" REFERENCES marketplaces (code);
