CREATE TYPE visibility AS ENUM ('public', 'private');
