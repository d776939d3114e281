CREATE TYPE status AS ENUM ('pending', 'paid', 'shipped');
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    state status NOT NULL DEFAULT 'pending'
);
