ALTER TABLE public.order_lines DROP COLUMN total_cents;
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_lines ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((((quantity * unit_price_cents) * 11) / 10)) STORED;
-- hazards: blocking-lock
ALTER TABLE public.order_lines ADD CONSTRAINT order_lines_total_check CHECK ((total_cents >= 0));
-- hazards: blocking-lock
CREATE INDEX order_lines_total_idx ON public.order_lines USING btree (total_cents);
COMMENT ON COLUMN public.order_lines.total_cents IS 'quantity times unit price';
COMMENT ON INDEX public.order_lines_total_idx IS 'for reports';
