-- hazards: replication-break
DROP PUBLICATION catalog_changes;
CREATE PUBLICATION catalog_changes FOR ALL TABLES;
