-- hazards: blocking-lock
ALTER TABLE public.rooms ADD CONSTRAINT rooms_id_valid_key UNIQUE (id, valid WITHOUT OVERLAPS);
