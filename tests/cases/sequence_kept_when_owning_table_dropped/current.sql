CREATE TABLE import_batches (
    id serial PRIMARY KEY,
    started_at timestamptz NOT NULL
);

SELECT setval('import_batches_id_seq', 41);
