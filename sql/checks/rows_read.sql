-- check: rows_read
-- category: completeness
-- purpose: Row volume: the rows read tonight from each borough's files of the feed (files loaded
--   or rejected as a whole; an exact copy of a file already received adds none). The
--   min-volume-ratio gate compares it with its average over earlier nights.
-- reads: ledger
-- measure: rows_read
SELECT borough, feed, 'rows_read' AS measure, CAST(SUM(rows_read) AS DOUBLE) AS value
FROM ledger
GROUP BY borough, feed
