CREATE DOMAIN status AS varchar(20) CHECK (VALUE IN ('new', 'sold', 'lost'));
CREATE TABLE item (id bigint PRIMARY KEY, status status);
