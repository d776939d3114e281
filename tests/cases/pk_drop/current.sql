CREATE TABLE page_views (
    id bigint PRIMARY KEY,
    path text NOT NULL
);
