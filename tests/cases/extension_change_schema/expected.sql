ALTER EXTENSION citext SET SCHEMA extensions;
