-- schematool: renamed from email
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE users (
    id bigint PRIMARY KEY,
    address email_address NOT NULL
);
