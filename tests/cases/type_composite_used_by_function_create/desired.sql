CREATE TYPE money_amount AS (
    amount_cents bigint,
    currency char(3)
);

CREATE FUNCTION make_amount(cents bigint, cur char(3)) RETURNS money_amount
LANGUAGE sql IMMUTABLE
AS $$ SELECT ROW(cents, cur)::money_amount $$;
