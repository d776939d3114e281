COMMENT ON CONSTRAINT "prices.account" ON store.prices IS 'the seller';
