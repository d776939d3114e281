-- hazards: authz-change
ALTER PUBLICATION catalog_changes OWNER TO case_writer;
COMMENT ON PUBLICATION catalog_changes IS 'new';
