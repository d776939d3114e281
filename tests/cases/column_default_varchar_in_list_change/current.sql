CREATE TABLE item (id bigint PRIMARY KEY,
    local boolean DEFAULT (current_setting('app.region', true)::varchar IN ('eu', 'us')));
