-- hazards: authz-change
ALTER SCHEMA reporting OWNER TO case_writer;
