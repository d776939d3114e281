-- Listens, with marks pointing into them.
CREATE TABLE listens (
    id bigint NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id),
    title_id bigint NOT NULL REFERENCES titles (id),
    CONSTRAINT listens_pkey PRIMARY KEY (id)
);

CREATE TABLE listen_marks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listen_id bigint NOT NULL CONSTRAINT listen_marks_listen_fkey REFERENCES listens (id),
    at_ms integer NOT NULL
);
