CREATE TABLE listens (
    id bigint NOT NULL,
    title_id bigint NOT NULL,
    CONSTRAINT listens_pkey PRIMARY KEY (id)
);

CREATE TABLE listen_marks (
    id bigint PRIMARY KEY,
    listen_id bigint NOT NULL CONSTRAINT listen_marks_listen_fkey REFERENCES listens (id)
);
