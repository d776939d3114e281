-- hazards: replication-break
ALTER PUBLICATION cdc_feed DROP TABLES IN SCHEMA old_cdc;
ALTER PUBLICATION cdc_feed ADD TABLES IN SCHEMA cdc;
