-- check: quarantine_share
-- category: conformance
-- purpose: The share of rows read that went to quarantine, whatever the rule; the
--   max-quarantine-share gate holds a borough's feed back when it is too high.
-- reads: ledger
-- measure: quarantine_share
SELECT borough, feed, 'quarantine_share' AS measure, SUM(rows_quarantined) / NULLIF(SUM(rows_read), 0) AS value
FROM ledger
GROUP BY borough, feed
