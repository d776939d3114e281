CREATE PUBLICATION everything FOR ALL TABLES WITH (publish_via_partition_root = true);
