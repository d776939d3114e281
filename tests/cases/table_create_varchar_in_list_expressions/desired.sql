CREATE TABLE other (id bigint PRIMARY KEY);
CREATE TABLE item (
    id bigint PRIMARY KEY,
    status varchar(20) NOT NULL CHECK (status IN ('new', 'held')),
    local boolean DEFAULT (current_setting('app.region', true)::varchar IN ('eu', 'us')),
    open boolean GENERATED ALWAYS AS (status IN ('new', 'held')) STORED
);
CREATE INDEX item_open_idx ON item (id) WHERE status IN ('new', 'held');
ALTER TABLE item ENABLE ROW LEVEL SECURITY;
CREATE POLICY item_open ON item USING (status IN ('new', 'held'));
