CREATE SCHEMA extensions;

CREATE EXTENSION citext SCHEMA extensions;
