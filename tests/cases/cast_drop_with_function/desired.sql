CREATE TYPE duration AS (hours integer, minutes integer);
