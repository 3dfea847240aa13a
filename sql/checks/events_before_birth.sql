-- check: events_before_birth
-- category: plausibility
-- purpose: Events before birth: the share of loaded rows with a care date whose date is before the
--   linked person's known birth date (the earliest among the identity records of the person the
--   link stage gave the row). It catches what a row-level rule cannot when the feed carries no
--   date of birth of its own (GP events and prescriptions): a row linked to the wrong person, or
--   a mistyped date. The contract's carelake.before-birth says whether such rows reach silver
--   (flag) or wait in restricted.pending_linkage (hold). Rows without a care date are not measured.
-- reads: loaded
-- measure: event_before_birth_share
SELECT borough, feed, 'event_before_birth_share' AS measure,
       COUNT(CASE WHEN care_date < birth_date THEN 1 END) / COUNT(*) AS value
FROM loaded
WHERE care_date IS NOT NULL
GROUP BY borough, feed
