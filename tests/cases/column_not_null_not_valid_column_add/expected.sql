alter table "public"."listeners" add column "phone" text;
ALTER TABLE public.listeners ADD CONSTRAINT listeners_phone_nn NOT NULL phone NOT VALID;
