CREATE TABLE orders (id bigint PRIMARY KEY, amount bigint NOT NULL);

CREATE FUNCTION order_total() RETURNS bigint
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT sum(amount) FROM orders;
END;
COMMENT ON FUNCTION order_total() IS 'sum of all orders';
REVOKE EXECUTE ON FUNCTION order_total() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION order_total() TO case_reader;

CREATE FUNCTION order_total(since bigint) RETURNS bigint
    LANGUAGE sql STABLE
    RETURN (SELECT sum(amount) FROM orders WHERE id >= since);

CREATE VIEW totals AS SELECT order_total() AS total;
