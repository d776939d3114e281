-- hazards: authz-change
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
