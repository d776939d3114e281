CREATE SCHEMA cdc;
CREATE SCHEMA old_cdc;
CREATE TABLE cdc.events (id bigint PRIMARY KEY);
CREATE TABLE old_cdc.events (id bigint PRIMARY KEY);
CREATE PUBLICATION cdc_feed FOR TABLES IN SCHEMA old_cdc;
