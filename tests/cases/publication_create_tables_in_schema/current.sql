CREATE SCHEMA cdc;
CREATE TABLE cdc.events (id bigint PRIMARY KEY, body text);
