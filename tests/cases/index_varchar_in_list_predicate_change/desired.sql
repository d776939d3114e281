CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL);
CREATE INDEX item_open_idx ON item (id) WHERE status IN ('new', 'held', 'late');
CREATE INDEX item_open_expr_idx ON item ((status IN ('new', 'held', 'late')));
