-- check: match_probability
-- category: plausibility
-- purpose: How sure the probabilistic links are: of the linked rows, the share linked by
--   Fellegi-Sunter scoring; and of those, the share whose match probability is at least
--   upper_band, between lower_band and upper_band, below lower_band, or unscored (joined to a new
--   person through another record).
-- reads: links
-- measure: probabilistic_link_share, match_probability.<band>
-- parameters: lower_band = 0.99, upper_band = 0.999
WITH linked_rows AS (
  SELECT borough, feed, COUNT(*) AS linked_count, COUNT_IF(method = 'probabilistic') AS probabilistic
  FROM links
  WHERE linked
  GROUP BY borough, feed
),
bands AS (
  SELECT borough, feed, COUNT(*) AS scored_rows,
         COUNT_IF(match_probability >= upper_band) AS at_least_upper,
         COUNT_IF(match_probability >= lower_band AND match_probability < upper_band) AS between_bands,
         COUNT_IF(match_probability < lower_band) AS below_lower,
         COUNT_IF(match_probability IS NULL) AS unscored
  FROM links
  WHERE linked AND method = 'probabilistic'
  GROUP BY borough, feed
)
SELECT borough, feed, 'probabilistic_link_share' AS measure, probabilistic / linked_count AS value
FROM linked_rows
UNION ALL
SELECT borough, feed, measure, value
FROM bands LATERAL VIEW stack(4,
  concat('match_probability.at_least_', CAST(upper_band AS STRING)), at_least_upper / scored_rows,
  concat('match_probability.', CAST(lower_band AS STRING), '_to_', CAST(upper_band AS STRING)), between_bands / scored_rows,
  concat('match_probability.below_', CAST(lower_band AS STRING)), below_lower / scored_rows,
  'match_probability.unscored', unscored / scored_rows) b AS measure, value
