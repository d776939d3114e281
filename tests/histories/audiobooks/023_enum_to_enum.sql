-- A column moves from one enum type to another and keeps its default (class 12).
CREATE TYPE payment_status AS ENUM ('pending', 'paid', 'refunded', 'disputed');

ALTER TABLE orders ALTER COLUMN state DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN state TYPE payment_status USING state::text::payment_status;
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'pending';

DROP TYPE order_status;
