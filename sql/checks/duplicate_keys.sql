-- check: duplicate_keys
-- category: plausibility
-- purpose: Uniqueness: the share of loaded rows that repeat the primary key (contract primaryKey)
--   of another row of the same borough's feed tonight. Two rows with one key count one duplicate.
--   Feeds without a primary key are not measured.
-- reads: loaded
-- measure: duplicate_key_share
SELECT borough, feed, 'duplicate_key_share' AS measure, (COUNT(*) - COUNT(DISTINCT row_key)) / COUNT(*) AS value
FROM loaded
WHERE row_key IS NOT NULL
GROUP BY borough, feed
