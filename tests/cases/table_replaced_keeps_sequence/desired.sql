CREATE SEQUENCE a_id_seq AS integer;

CREATE TABLE b (
    id integer NOT NULL DEFAULT nextval('a_id_seq') PRIMARY KEY,
    note text
);

ALTER SEQUENCE a_id_seq OWNED BY b.id;
