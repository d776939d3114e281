CREATE TABLE titles (
    id bigint NOT NULL,
    asin text NOT NULL,
    CONSTRAINT titles_pkey PRIMARY KEY (asin),
    CONSTRAINT titles_id_key UNIQUE (id)
);

CREATE TABLE chapters (
    id bigint PRIMARY KEY,
    title_id bigint NOT NULL REFERENCES titles (id),
    position integer NOT NULL
);
