CREATE FUNCTION same_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT length(a) = length(b) $$;
