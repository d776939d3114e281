CREATE TABLE documents (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE document_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION audit_documents() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO document_audit (document_id) SELECT id FROM new_rows;
    RETURN NULL;
END;
$$;

CREATE TRIGGER documents_audit
    AFTER UPDATE ON documents
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_documents();
