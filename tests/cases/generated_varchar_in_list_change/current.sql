CREATE TABLE item (id bigint PRIMARY KEY, status varchar(20) NOT NULL,
    open boolean GENERATED ALWAYS AS (status IN ('new', 'held')) STORED);
