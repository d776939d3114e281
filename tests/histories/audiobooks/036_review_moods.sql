-- Enum labels holding a quote, double quotes, a backslash, $$ and a newline (class 7).
CREATE TYPE mood AS ENUM ('it''s', 'value with "quotes"', E'back\\slash', '$$', E'new\nline');

COMMENT ON TYPE mood IS E'how a review felt: it''s "free text" with a back\\slash, $$ and a\nnewline';

ALTER TABLE reviews ADD COLUMN mood mood DEFAULT 'it''s';
