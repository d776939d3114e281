CREATE TABLE chapter (
    id bigint PRIMARY KEY,
    number integer NOT NULL,
    public boolean NOT NULL,
    early boolean DEFAULT ('2'::text::integer BETWEEN 1 AND 3 AND current_date > '2000-01-01'::date),
    in_range boolean GENERATED ALWAYS AS (number BETWEEN 1 AND 99 AND public) STORED
);
