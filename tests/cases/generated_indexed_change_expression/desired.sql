CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    quantity integer NOT NULL,
    unit_price_cents integer NOT NULL,
    total_cents bigint GENERATED ALWAYS AS (quantity * unit_price_cents * 11 / 10) STORED,
    CONSTRAINT order_lines_total_check CHECK (total_cents >= 0)
);
CREATE INDEX order_lines_total_idx ON order_lines (total_cents);
COMMENT ON COLUMN order_lines.total_cents IS 'quantity times unit price';
COMMENT ON INDEX order_lines_total_idx IS 'for reports';
