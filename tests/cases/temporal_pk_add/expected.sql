-- hazards: blocking-lock
ALTER TABLE public.rooms ADD CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS);
