-- check: linkage_rate
-- category: completeness
-- purpose: Linkage rate: the share of loaded rows of feeds carrying identity whose identity record
--   has a person in restricted.person_link after tonight's link stage. The rest wait in pending
--   linkage. The min-linkage-rate and max-linkage-drop gates read it.
-- reads: links
-- measure: linkage_rate
SELECT borough, feed, 'linkage_rate' AS measure, COUNT_IF(linked) / COUNT(*) AS value
FROM links
GROUP BY borough, feed
