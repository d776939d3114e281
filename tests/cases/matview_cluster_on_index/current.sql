CREATE TABLE plays (id bigint PRIMARY KEY, title_id bigint NOT NULL, seconds int NOT NULL);
CREATE MATERIALIZED VIEW title_plays AS SELECT title_id, count(*) AS plays FROM plays GROUP BY title_id;
CREATE UNIQUE INDEX title_plays_title ON title_plays (title_id);
