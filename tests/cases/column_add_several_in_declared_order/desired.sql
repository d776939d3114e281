CREATE TABLE t (id int, meta jsonb DEFAULT '{}'::jsonb NOT NULL, created timestamptz DEFAULT now() NOT NULL, u uuid DEFAULT gen_random_uuid(), "Zed" int, a_first int);
