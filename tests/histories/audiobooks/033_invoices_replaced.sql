-- The table is replaced under a new name that keeps the old one's sequence (class 11).
CREATE TABLE invoices (
    id integer NOT NULL DEFAULT nextval('invoices_v1_id_seq') PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    issued_at timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE invoices_v1_id_seq OWNED BY invoices.id;
DROP TABLE invoices_v1;
