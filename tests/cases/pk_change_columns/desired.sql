CREATE TABLE documents (
    tenant_id integer NOT NULL,
    id bigint NOT NULL,
    title text NOT NULL,
    CONSTRAINT documents_pkey PRIMARY KEY (tenant_id, id)
);
