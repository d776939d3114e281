COMMENT ON CONSTRAINT "cents.positive" ON DOMAIN store.cents IS 'a price is never free';
