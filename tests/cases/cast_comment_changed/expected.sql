COMMENT ON CAST (integer AS public.duration) IS 'it''s minutes';
