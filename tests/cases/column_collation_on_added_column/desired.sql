CREATE TABLE tags (
    id bigint PRIMARY KEY,
    label text NOT NULL,
    slug text COLLATE "C"
);
