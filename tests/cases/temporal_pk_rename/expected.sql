ALTER TABLE public.rooms RENAME CONSTRAINT rooms_pkey TO rooms_during_pkey;
