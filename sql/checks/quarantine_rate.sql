-- check: quarantine_rate
-- category: conformance
-- purpose: Quarantine rate by rule: for each rule a quarantined row broke (e.g.
--   admission_date.not-in-future, file.header), the share of rows read that broke it. A row
--   breaking two rules counts under both.
-- reads: quarantine, ledger
-- measure: quarantine_rate.<rule>
WITH broken AS (
  SELECT borough, feed, rule, COUNT(*) AS broken_rows
  FROM quarantine LATERAL VIEW explode(violations) v AS rule
  GROUP BY borough, feed, rule
),
feed_reads AS (
  SELECT borough, feed, SUM(rows_read) AS rows_read
  FROM ledger
  GROUP BY borough, feed
)
SELECT broken.borough, broken.feed, concat('quarantine_rate.', broken.rule) AS measure,
       broken.broken_rows / NULLIF(feed_reads.rows_read, 0) AS value
FROM broken JOIN feed_reads ON broken.borough = feed_reads.borough AND broken.feed = feed_reads.feed
