CREATE TABLE tags (
    id bigint PRIMARY KEY,
    slug varchar(32) COLLATE "C" NOT NULL,
    label text NOT NULL
);
