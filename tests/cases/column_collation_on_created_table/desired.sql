CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE tags (
    id bigint PRIMARY KEY,
    slug text COLLATE "C" NOT NULL,
    label text NOT NULL
);
