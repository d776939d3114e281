-- Libraries (of a tenant) and their shelves.
CREATE TABLE libraries (
    tenant_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT libraries_pkey PRIMARY KEY (id)
);

CREATE TABLE shelves (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    library_id bigint NOT NULL CONSTRAINT shelves_library_fkey REFERENCES libraries (id)
);
