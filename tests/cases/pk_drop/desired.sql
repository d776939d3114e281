CREATE TABLE page_views (
    id bigint NOT NULL,
    path text NOT NULL
);
