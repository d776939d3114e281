COMMENT ON SCHEMA reporting IS 'Read-only reporting objects';
