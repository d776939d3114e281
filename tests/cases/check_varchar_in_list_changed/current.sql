CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL,
    CONSTRAINT item_status_known CHECK (status IN ('new', 'sold')));
