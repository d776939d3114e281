CREATE TABLE tiers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    rank integer NOT NULL
);

CREATE VIEW entry_tier AS
SELECT id FROM tiers ORDER BY rank LIMIT 1;

CREATE FUNCTION default_tier() RETURNS bigint
LANGUAGE sql STABLE
AS $$ SELECT id FROM entry_tier $$;

CREATE TABLE subscribers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    tier_id bigint DEFAULT default_tier()
);
