CREATE TABLE chapters (
    id bigint PRIMARY KEY,
    length_s integer NOT NULL CONSTRAINT "chapters.length" CHECK (length_s > 0)
);

COMMENT ON CONSTRAINT "chapters.length" ON chapters IS 'a chapter is never empty';
