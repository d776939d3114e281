CREATE TABLE reviews (
    id bigint PRIMARY KEY,
    body varchar(2000) NOT NULL,
    edited_at timestamptz
);

CREATE FUNCTION reviews_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.edited_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER reviews_touch BEFORE UPDATE ON reviews
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION reviews_touch();

ALTER TABLE reviews DISABLE TRIGGER reviews_touch;
COMMENT ON TRIGGER reviews_touch ON reviews IS 'only when the text changes';
