CREATE TABLE chapters (
    id bigint PRIMARY KEY,
    length_s integer NOT NULL CONSTRAINT chapters_length_check CHECK (length_s > 0)
);

COMMENT ON CONSTRAINT chapters_length_check ON chapters IS 'a chapter is never empty';
