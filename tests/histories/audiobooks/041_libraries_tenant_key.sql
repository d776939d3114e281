-- The primary key widens to (tenant_id, id) while a foreign key references it (class 3).
ALTER TABLE shelves DROP CONSTRAINT shelves_library_fkey;
ALTER TABLE libraries DROP CONSTRAINT libraries_pkey;
ALTER TABLE libraries ADD CONSTRAINT libraries_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE shelves ADD CONSTRAINT shelves_library_fkey
    FOREIGN KEY (tenant_id, library_id) REFERENCES libraries (tenant_id, id);
