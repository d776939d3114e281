CREATE TABLE series (
    id bigint NOT NULL,
    slug text NOT NULL,
    parent_id bigint,
    CONSTRAINT series_pkey PRIMARY KEY (slug),
    CONSTRAINT series_id_key UNIQUE (id),
    CONSTRAINT series_parent_fkey FOREIGN KEY (parent_id) REFERENCES series (id)
);

CREATE TABLE series_titles (
    series_id bigint NOT NULL REFERENCES series (id),
    position integer NOT NULL
);

CREATE TABLE series_follows (
    account_id bigint NOT NULL,
    series_id bigint NOT NULL
);

ALTER TABLE series_follows ADD CONSTRAINT series_follows_series_fkey
    FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE NOT VALID;
