-- hazards: rename
ALTER FUNCTION public.net(amount numeric) RENAME TO without_vat;
