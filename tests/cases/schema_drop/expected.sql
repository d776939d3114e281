-- hazards: data-loss
DROP SCHEMA reporting;
