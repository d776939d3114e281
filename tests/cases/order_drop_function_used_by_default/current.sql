CREATE FUNCTION new_public_id() RETURNS text
LANGUAGE sql VOLATILE
AS $$ SELECT substr(md5(random()::text), 1, 16) $$;

CREATE TABLE shares (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id text NOT NULL DEFAULT new_public_id()
);
