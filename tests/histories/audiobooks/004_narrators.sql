-- Narrators, first keyed by a unique constraint only.
CREATE TABLE narrators (
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT narrators_id_key UNIQUE (id)
);

CREATE TABLE narrations (
    title_id bigint NOT NULL REFERENCES titles (id),
    narrator_id bigint NOT NULL REFERENCES narrators (id),
    PRIMARY KEY (title_id, narrator_id)
);
