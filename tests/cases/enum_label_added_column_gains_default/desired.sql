CREATE SCHEMA types; CREATE TYPE types.st AS ENUM ('a', 'b'); CREATE SCHEMA app; CREATE TABLE app.t (s types.st DEFAULT 'a', s2 types.st[]);
