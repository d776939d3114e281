CREATE FUNCTION new_public_id() RETURNS text
LANGUAGE sql VOLATILE
AS $$ SELECT substr(md5(random()::text), 1, 16) $$;

CREATE TABLE shares (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target text NOT NULL,
    public_id text NOT NULL DEFAULT new_public_id()
);

CREATE TABLE invites (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL DEFAULT new_public_id()
);
