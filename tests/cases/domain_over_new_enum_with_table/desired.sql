CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE DOMAIN open_status AS order_status DEFAULT 'paid' CHECK (VALUE <> 'shipped');

CREATE TABLE orders (id bigint PRIMARY KEY, status open_status NOT NULL DEFAULT 'pending');

CREATE TABLE shipments (id bigint PRIMARY KEY, status open_status, statuses open_status[]);
