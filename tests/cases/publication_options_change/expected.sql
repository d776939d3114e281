-- hazards: replication-break
ALTER PUBLICATION catalog_changes SET (publish = 'insert, delete', publish_via_partition_root = true);
