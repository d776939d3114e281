CREATE FUNCTION same_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION differs_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) <> lower($2) $$;
CREATE FUNCTION same_ci_strict(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION shout(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper($1) || '!' $$;
CREATE OPERATOR === (FUNCTION = same_ci, LEFTARG = text, RIGHTARG = text,
    COMMUTATOR = ===, NEGATOR = !==, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR !== (FUNCTION = differs_ci, LEFTARG = text, RIGHTARG = text,
    COMMUTATOR = !==, NEGATOR = ===, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR !! (FUNCTION = shout, RIGHTARG = text);
COMMENT ON OPERATOR === (text, text) IS 'equal, ignoring case';
ALTER OPERATOR !! (NONE, text) OWNER TO case_writer;
CREATE TABLE author (name text NOT NULL, alias text);
CREATE VIEW same_alias AS SELECT name, !! name AS loud FROM author WHERE name === alias;
CREATE INDEX author_alias_differs ON author ((name !== alias));
