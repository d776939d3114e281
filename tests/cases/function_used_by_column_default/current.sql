CREATE FUNCTION new_public_id() RETURNS text
LANGUAGE sql VOLATILE
AS $$ SELECT md5(random()::text) $$;

CREATE TABLE shares (
    id bigint PRIMARY KEY,
    public_id text NOT NULL DEFAULT new_public_id()
);
