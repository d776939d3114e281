CREATE SCHEMA types; CREATE TYPE types.st AS ENUM ('a'); CREATE SCHEMA app; CREATE TABLE app.t (s types.st);
