ALTER FOREIGN DATA WRAPPER remote HANDLER public.remote_handler VALIDATOR postgresql_fdw_validator OPTIONS (DROP debug);
