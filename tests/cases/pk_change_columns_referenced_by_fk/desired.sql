CREATE TABLE libraries (
    tenant_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT libraries_pkey PRIMARY KEY (tenant_id, id)
);

CREATE TABLE shelves (
    id bigint PRIMARY KEY,
    tenant_id bigint NOT NULL,
    library_id bigint NOT NULL,
    CONSTRAINT shelves_library_fkey FOREIGN KEY (tenant_id, library_id) REFERENCES libraries (tenant_id, id)
);
