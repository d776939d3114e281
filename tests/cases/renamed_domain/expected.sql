-- hazards: rename
ALTER DOMAIN public.email RENAME TO email_address;
-- hazards: rename
ALTER DOMAIN public.email_address RENAME CONSTRAINT email_check TO email_address_check;
