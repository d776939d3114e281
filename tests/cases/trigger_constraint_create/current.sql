CREATE TABLE documents (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION check_document_title() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.title = '' THEN
        RAISE EXCEPTION 'empty title';
    END IF;
    RETURN NULL;
END;
$$;
