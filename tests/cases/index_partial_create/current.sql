CREATE TABLE articles (
    id bigint PRIMARY KEY,
    author_id bigint NOT NULL,
    title text NOT NULL,
    slug text NOT NULL,
    status text NOT NULL DEFAULT 'draft',
    published_at timestamptz,
    body text,
    metadata jsonb NOT NULL DEFAULT '{}'
);
