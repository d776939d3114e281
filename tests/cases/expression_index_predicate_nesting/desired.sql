CREATE TABLE shelf (
    id bigint PRIMARY KEY,
    position integer NOT NULL,
    hidden boolean NOT NULL
);
CREATE INDEX shelf_front_idx ON shelf (position) WHERE position >= 1 AND position <= 10 AND NOT hidden;
CREATE INDEX shelf_front_expr_idx ON shelf ((position >= 1 AND position <= 10 AND hidden));
