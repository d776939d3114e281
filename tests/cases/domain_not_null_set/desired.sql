CREATE DOMAIN email_address AS text
    NOT NULL
    CONSTRAINT email_address_check CHECK (VALUE ~ '^[^@]+@[^@]+$');
