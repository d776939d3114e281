-- hazards: untracked-dependency
DROP CAST (integer AS public.duration);
