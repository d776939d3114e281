CREATE TABLE user_roles (
    user_id bigint NOT NULL,
    role_id integer NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role_id)
);
