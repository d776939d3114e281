CREATE DOMAIN visibility AS text CHECK (VALUE IN ('public', 'private'));

CREATE TABLE collections (
    id bigint PRIMARY KEY,
    shown visibility NOT NULL DEFAULT 'private',
    shared visibility[] NOT NULL DEFAULT '{}'
);

CREATE VIEW public_collections AS
    SELECT id, shown FROM collections WHERE shown = 'public';

CREATE FUNCTION is_shown(v visibility) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN v = 'public';
