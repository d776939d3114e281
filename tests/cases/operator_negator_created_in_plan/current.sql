CREATE FUNCTION same_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) = lower($2) $$;
CREATE FUNCTION differs_ci(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT lower($1) <> lower($2) $$;
CREATE OPERATOR === (FUNCTION = same_ci, LEFTARG = text, RIGHTARG = text);
