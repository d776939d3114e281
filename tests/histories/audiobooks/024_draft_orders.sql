-- A new label, used by the column default at once (class 12: a plan that adds the label
-- with ADD VALUE cannot use it before commit). Written as the type's re-creation so that
-- this migration runs in one transaction.
ALTER TYPE payment_status RENAME TO payment_status_old;
CREATE TYPE payment_status AS ENUM ('pending', 'paid', 'refunded', 'disputed', 'draft');

ALTER TABLE orders ALTER COLUMN state DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN state TYPE payment_status USING state::text::payment_status;
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'draft';

DROP TYPE payment_status_old;
