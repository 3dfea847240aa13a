-- check: loaded_share
-- category: conformance
-- purpose: Validity: the share of rows read that met every error-severity rule of the contract
--   and loaded (the rest are in quarantine).
-- reads: ledger
-- measure: loaded_share
SELECT borough, feed, 'loaded_share' AS measure, SUM(rows_loaded) / NULLIF(SUM(rows_read), 0) AS value
FROM ledger
GROUP BY borough, feed
