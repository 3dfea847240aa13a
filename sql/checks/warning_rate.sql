-- check: warning_rate
-- category: conformance
-- purpose: Validity of loaded values: the share of loaded rows that broke at least one
--   warning-severity rule of the contract (loaded with the value kept, e.g. an NHS number failing
--   its Modulus 11 check), and the share for each such rule.
-- reads: loaded
-- measure: warning_share, warning_rate.<rule>
WITH feed_rows AS (
  SELECT borough, feed, COUNT(*) AS loaded_count, COUNT_IF(size(warnings) > 0) AS warned
  FROM loaded
  GROUP BY borough, feed
),
broken AS (
  SELECT borough, feed, rule, COUNT(*) AS broken_rows
  FROM loaded LATERAL VIEW explode(warnings) w AS rule
  GROUP BY borough, feed, rule
)
SELECT borough, feed, 'warning_share' AS measure, warned / loaded_count AS value
FROM feed_rows
UNION ALL
SELECT broken.borough, broken.feed, concat('warning_rate.', broken.rule) AS measure, broken.broken_rows / feed_rows.loaded_count AS value
FROM broken JOIN feed_rows ON broken.borough = feed_rows.borough AND broken.feed = feed_rows.feed
