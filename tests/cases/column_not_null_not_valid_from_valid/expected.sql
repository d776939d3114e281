alter table "public"."listeners" alter column "email" drop not null;
ALTER TABLE public.listeners ADD CONSTRAINT listeners_email_nn NOT NULL email NOT VALID;
