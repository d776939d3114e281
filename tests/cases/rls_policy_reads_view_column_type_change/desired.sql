CREATE TABLE members (
    id bigint PRIMARY KEY,
    login varchar(100) NOT NULL
);

CREATE VIEW member_logins AS SELECT id, login FROM members;

CREATE TABLE notes (
    id bigint PRIMARY KEY,
    member_id bigint NOT NULL,
    body text NOT NULL
);

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY notes_own ON notes TO case_reader
    USING (EXISTS (SELECT 1 FROM member_logins m WHERE m.id = member_id AND m.login = current_user));
