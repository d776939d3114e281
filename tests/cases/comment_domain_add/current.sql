CREATE DOMAIN note_title AS text CHECK (VALUE <> '');
