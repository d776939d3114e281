-- Rendered from templates/catalog/title.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.title (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    marketplace_id bigint NOT NULL REFERENCES audiobooks.marketplace (id),
    asin text NOT NULL CHECK (asin ~ '^[0-9A-Z]{10}$'),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
    subtitle text CHECK (char_length(subtitle) BETWEEN 1 AND 500),
    publisher text CHECK (char_length(publisher) BETWEEN 1 AND 300),
    release_date date,
    runtime_minutes integer CHECK (runtime_minutes >= 0),
    summary text CHECK (char_length(summary) BETWEEN 1 AND 20000),
    cover_image_url text CHECK (cover_image_url ~ '^https://' AND char_length(cover_image_url) <= 2000),
    language text CHECK (char_length(language) BETWEEN 1 AND 50),
    format_type text CHECK (char_length(format_type) BETWEEN 1 AND 50),
    content_type text CHECK (char_length(content_type) BETWEEN 1 AND 50),
    rating_overall numeric(3, 2) CHECK (rating_overall BETWEEN 0 AND 5),
    rating_performance numeric(3, 2) CHECK (rating_performance BETWEEN 0 AND 5),
    rating_story numeric(3, 2) CHECK (rating_story BETWEEN 0 AND 5),
    rating_count integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    delisted_at timestamptz,
    audible_payload jsonb CHECK (jsonb_typeof(audible_payload) = 'object'),
    search_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig,
            title || ' ' || coalesce(subtitle, '') || ' ' || coalesce(publisher, ''))
    ) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (marketplace_id, asin)
);

CREATE INDEX title_asin_idx ON audiobooks.title (asin);
CREATE INDEX title_search_document_idx ON audiobooks.title USING gin (search_document);

COMMENT ON TABLE audiobooks.title IS
    'A product of one Audible marketplace, keyed by (marketplace, ASIN). Shared by all users; never deleted while a library holds it. Optional text is NULL, never empty: a sync must not overwrite a known value with an empty one.';
COMMENT ON COLUMN audiobooks.title.asin IS 'Audible Standard Identification Number: 10 characters, digits and upper-case letters. Unique per marketplace.';
COMMENT ON COLUMN audiobooks.title.publisher IS 'Audible publisher_name.';
COMMENT ON COLUMN audiobooks.title.runtime_minutes IS 'Audible runtime_length_min.';
COMMENT ON COLUMN audiobooks.title.summary IS 'Audible publisher_summary: HTML as delivered; render it sanitised.';
COMMENT ON COLUMN audiobooks.title.cover_image_url IS 'Cover art reference: the largest Audible product_images URL.';
COMMENT ON COLUMN audiobooks.title.language IS 'Audible''s language word (english, german, ...): open vocabulary, plain text.';
COMMENT ON COLUMN audiobooks.title.format_type IS 'Audible format_type (unabridged, abridged, ...): open vocabulary, plain text.';
COMMENT ON COLUMN audiobooks.title.content_type IS 'Audible content_type (Product, Podcast, Performance, ...): open vocabulary, plain text.';
COMMENT ON COLUMN audiobooks.title.rating_overall IS 'Average overall rating from Audible listeners, 0 to 5.';
COMMENT ON COLUMN audiobooks.title.rating_performance IS 'Average narration (performance) rating, 0 to 5.';
COMMENT ON COLUMN audiobooks.title.rating_story IS 'Average story rating, 0 to 5.';
COMMENT ON COLUMN audiobooks.title.rating_count IS 'Number of Audible ratings behind rating_overall.';
COMMENT ON COLUMN audiobooks.title.delisted_at IS 'When Audible stopped offering the title; the row stays so libraries and lists keep it.';
COMMENT ON COLUMN audiobooks.title.audible_payload IS 'The last product JSON object received from Audible, so a parser fix can be replayed without a new sync.';
COMMENT ON COLUMN audiobooks.title.search_document IS 'Generated: full-text document of title, subtitle and publisher (simple configuration, any language).';
COMMENT ON COLUMN audiobooks.title.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.title.updated_at IS 'Last change to the row; maintained by trigger title_set_updated_at.';

CREATE TRIGGER title_set_updated_at
    BEFORE UPDATE ON audiobooks.title
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

GRANT SELECT, INSERT, UPDATE ON audiobooks.title TO audiobooks_app;
