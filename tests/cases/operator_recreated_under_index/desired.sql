CREATE FUNCTION same_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION same_ci_strict(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE OPERATOR === (FUNCTION = same_ci_strict, LEFTARG = text, RIGHTARG = text);
CREATE TABLE author (name text NOT NULL, alias text);
CREATE INDEX author_alias_same ON author ((name === alias));
