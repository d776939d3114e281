CREATE DOMAIN note_title AS text CHECK (VALUE <> '');

COMMENT ON DOMAIN note_title IS 'Non-empty title';
