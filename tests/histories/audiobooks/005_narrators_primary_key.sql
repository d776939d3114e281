-- The unique constraint becomes the primary key while a foreign key references it (class 3).
ALTER TABLE narrations DROP CONSTRAINT narrations_narrator_id_fkey;
ALTER TABLE narrators DROP CONSTRAINT narrators_id_key;
ALTER TABLE narrators ADD CONSTRAINT narrators_pkey PRIMARY KEY (id);
ALTER TABLE narrations ADD CONSTRAINT narrations_narrator_id_fkey
    FOREIGN KEY (narrator_id) REFERENCES narrators (id);
