CREATE TABLE libraries (
    tenant_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT libraries_pkey PRIMARY KEY (id)
);

CREATE TABLE shelves (
    id bigint PRIMARY KEY,
    tenant_id bigint NOT NULL,
    library_id bigint NOT NULL,
    CONSTRAINT shelves_library_fkey FOREIGN KEY (library_id) REFERENCES libraries (id)
);
