CREATE TABLE titles (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    publisher text,
    search_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title || ' ' || coalesce(publisher, ''))
    ) STORED
);

INSERT INTO titles (id, title, publisher) VALUES (1, 'Dune', 'Chilton'), (2, 'Emma', NULL);

CREATE INDEX titles_search_document_idx ON titles USING gin (search_document);
COMMENT ON COLUMN titles.search_document IS 'full-text document of title and publisher';

CREATE VIEW searchable_titles AS SELECT id, search_document FROM titles;
