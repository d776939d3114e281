CREATE TABLE reading (
    id bigint PRIMARY KEY,
    lo integer NOT NULL,
    hi integer NOT NULL,
    pages integer,
    label text,
    CONSTRAINT reading_pages_check CHECK (pages BETWEEN 1 AND 5000 AND pages <> 13),
    CONSTRAINT reading_outside_check CHECK (pages NOT BETWEEN 6000 AND 7000 OR pages IS NULL),
    CONSTRAINT reading_symmetric_check CHECK (pages BETWEEN SYMMETRIC hi AND lo AND label IS NOT NULL),
    CONSTRAINT reading_in_columns_check CHECK (pages IN (lo, hi) OR pages IS NULL),
    CONSTRAINT reading_row_check CHECK ((lo, hi) <> (0, 0) OR label = btrim(label)),
    CONSTRAINT reading_cast_check CHECK (label::varchar(20) BETWEEN 'a' AND 'z' AND length(label)::numeric > 0)
);
