-- check: conflicting_keys
-- category: plausibility
-- purpose: Conflicting duplicates: the share of loaded rows that repeat the primary key of another
--   row of the same borough's feed tonight with different content (exact copies do not count).
--   Silver keeps one row per key by the contract's carelake.duplicate-keys rule; this measure says
--   how often a source sent two versions of one record in a night. Feeds without a primary key
--   are not measured.
-- reads: loaded
-- measure: conflicting_key_share
SELECT borough, feed, 'conflicting_key_share' AS measure,
       (COUNT(DISTINCT row_key, row_content) - COUNT(DISTINCT row_key)) / COUNT(*) AS value
FROM loaded
WHERE row_key IS NOT NULL
GROUP BY borough, feed
