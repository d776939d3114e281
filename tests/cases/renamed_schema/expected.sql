-- hazards: rename
ALTER SCHEMA shop RENAME TO store;
