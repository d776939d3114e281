-- Column type changes: text to varchar, integer to bigint, a default with it.
ALTER TABLE accounts ALTER COLUMN nickname TYPE varchar(80);
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
ALTER TABLE credit_notes ALTER COLUMN amount_cents TYPE bigint;
ALTER TABLE credit_notes ALTER COLUMN amount_cents SET DEFAULT 0;
