CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE entry (feeling mood);
CREATE CAST (text AS mood) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (text AS mood) IS 'from labels';
