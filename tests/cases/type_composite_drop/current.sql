CREATE TYPE money_amount AS (
    amount_cents bigint,
    currency char(3)
);
