-- hazards: data-loss
DROP USER MAPPING FOR case_reader SERVER feeds;
CREATE USER MAPPING FOR case_writer SERVER feeds OPTIONS ("user" 'writer', password '***');
CREATE USER MAPPING FOR PUBLIC SERVER feeds;
-- hazards: authz-change
ALTER SERVER feeds OWNER TO case_writer;
-- hazards: authz-change
GRANT USAGE ON FOREIGN SERVER feeds TO case_reader WITH GRANT OPTION;
