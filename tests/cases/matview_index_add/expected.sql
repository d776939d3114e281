CREATE UNIQUE INDEX daily_revenue_day_idx ON public.daily_revenue USING btree (day);
