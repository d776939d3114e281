ALTER TABLE public.plays ADD CONSTRAINT plays_device_nn NOT NULL device NOT VALID;
