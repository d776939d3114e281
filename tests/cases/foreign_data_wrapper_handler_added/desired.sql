CREATE FUNCTION remote_handler() RETURNS fdw_handler
    AS 'postgres_fdw', 'postgres_fdw_handler' LANGUAGE C STRICT;
CREATE FOREIGN DATA WRAPPER remote HANDLER remote_handler VALIDATOR postgresql_fdw_validator;
