-- hazards: replication-break
DROP PUBLICATION catalog_changes;
