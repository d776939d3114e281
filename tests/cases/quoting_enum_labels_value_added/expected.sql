ALTER TYPE public.mood ADD VALUE 'it''s' AFTER 'calm';
ALTER TYPE public.mood ADD VALUE 'value with "quotes"' AFTER 'it''s';
ALTER TYPE public.mood ADD VALUE E'back\\slash' AFTER 'value with "quotes"';
ALTER TYPE public.mood ADD VALUE '$$' AFTER E'back\\slash';
ALTER TYPE public.mood ADD VALUE 'new
line';
