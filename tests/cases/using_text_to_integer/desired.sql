CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    external_ref integer -- schematool: using nullif(btrim(external_ref), '')::integer
);
