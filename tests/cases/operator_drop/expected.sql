-- hazards: untracked-dependency
DROP OPERATOR public.!==(text,text);
