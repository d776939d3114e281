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

CREATE INDEX articles_author_published_idx ON articles (author_id, published_at DESC);
