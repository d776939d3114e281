CREATE DOMAIN visibility AS text CHECK (VALUE IN ('public', 'private', 'unlisted'));
