CREATE TABLE chapter (
    id bigint PRIMARY KEY,
    number integer NOT NULL,
    public boolean NOT NULL,
    early boolean DEFAULT ('2'::text::integer >= 1 AND '2'::text::integer <= 3 AND current_date > '2000-01-01'::date),
    in_range boolean GENERATED ALWAYS AS (number >= 1 AND number <= 99 AND public) STORED
);
