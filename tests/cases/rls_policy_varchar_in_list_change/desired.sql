CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL);
ALTER TABLE item ENABLE ROW LEVEL SECURITY;
CREATE POLICY item_open ON item USING (status IN ('new', 'held', 'late')) WITH CHECK (status IN ('new', 'late'));
