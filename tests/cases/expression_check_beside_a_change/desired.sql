CREATE TABLE member (
    id bigint PRIMARY KEY,
    display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80 AND display_name = btrim(display_name)),
    bio text
);
