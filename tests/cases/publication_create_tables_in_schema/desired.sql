CREATE SCHEMA cdc;
CREATE TABLE cdc.events (id bigint PRIMARY KEY, body text);
CREATE TABLE audit (id bigint PRIMARY KEY);
CREATE PUBLICATION cdc_feed FOR TABLES IN SCHEMA cdc, TABLE audit;
