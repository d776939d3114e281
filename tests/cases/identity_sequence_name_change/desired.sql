CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME order_numbers START WITH 1000) PRIMARY KEY,
    placed_at timestamptz NOT NULL DEFAULT now()
);
