CREATE TABLE libraries (
    tenant_id integer NOT NULL,
    id integer NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE shelves (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    library_id integer NOT NULL,
    CONSTRAINT shelves_library_fkey FOREIGN KEY (tenant_id, library_id)
        REFERENCES libraries (tenant_id, id) ON DELETE CASCADE
);
