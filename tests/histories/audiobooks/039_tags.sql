-- Tags: a collated column read by a generated column (class 2), given to another owner,
-- who also holds an explicit grant WITH GRANT OPTION (class 2).
CREATE TABLE tags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text COLLATE "C" NOT NULL,
    slug_upper text GENERATED ALWAYS AS (upper(slug)) STORED
);

ALTER TABLE tags OWNER TO case_writer;
GRANT SELECT ON tags TO case_writer WITH GRANT OPTION;
GRANT SELECT ON tags TO audiobooks_app;
