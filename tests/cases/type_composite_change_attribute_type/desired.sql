CREATE TYPE money_amount AS (
    amount_cents numeric(14,0),
    currency char(3)
);
