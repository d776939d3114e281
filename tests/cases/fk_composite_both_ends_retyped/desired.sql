CREATE TABLE libraries (
    tenant_id bigint NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE shelves (
    id integer PRIMARY KEY,
    tenant_id bigint NOT NULL,
    library_id text NOT NULL,
    CONSTRAINT shelves_library_fkey FOREIGN KEY (tenant_id, library_id)
        REFERENCES libraries (tenant_id, id) ON DELETE CASCADE
);
