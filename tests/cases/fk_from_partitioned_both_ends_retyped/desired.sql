CREATE TABLE narrators (
    id text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE listens (
    narrator_id text NOT NULL REFERENCES narrators (id),
    listened_on date NOT NULL
) PARTITION BY RANGE (listened_on);

CREATE TABLE listens_2026 PARTITION OF listens
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
