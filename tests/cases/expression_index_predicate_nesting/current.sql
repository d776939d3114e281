CREATE TABLE shelf (
    id bigint PRIMARY KEY,
    position integer NOT NULL,
    hidden boolean NOT NULL
);
CREATE INDEX shelf_front_idx ON shelf (position) WHERE position BETWEEN 1 AND 10 AND NOT hidden;
CREATE INDEX shelf_front_expr_idx ON shelf ((position BETWEEN 1 AND 10 AND hidden));
