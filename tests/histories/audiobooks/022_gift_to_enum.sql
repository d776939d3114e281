-- A boolean column with a default becomes an enum column with a default (class 12).
CREATE TYPE purchase_kind AS ENUM ('self', 'gift', 'pending');

ALTER TABLE orders ALTER COLUMN gift DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN gift TYPE purchase_kind
    USING CASE WHEN gift THEN 'gift' ELSE 'self' END::purchase_kind;
ALTER TABLE orders ALTER COLUMN gift SET DEFAULT 'self';
