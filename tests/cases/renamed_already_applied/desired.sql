-- schematool: renamed from customer
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    personal_note text -- schematool: renamed from note
);
