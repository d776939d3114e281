-- A constraint whose name holds a dot, with a comment (class 9).
ALTER TABLE orders ADD CONSTRAINT "orders.total_not_negative" CHECK (total_cents >= 0);
COMMENT ON CONSTRAINT "orders.total_not_negative" ON orders IS 'refunds are credit notes, never negative orders';

ALTER TABLE orders ADD CONSTRAINT "orders.account" FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE orders DROP CONSTRAINT orders_account_id_fkey;
COMMENT ON CONSTRAINT "orders.account" ON orders IS 'the buyer';
