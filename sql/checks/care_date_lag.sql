-- check: care_date_lag
-- category: plausibility
-- purpose: Timeliness: days from the feed's main care date to the night it was loaded, median and
--   90th percentile (exact, interpolated) over loaded rows. The care date is the contract's first
--   date or timestamp column classified clinical (admission_date, arrival_time, event_date, …);
--   feeds without one (patient registers) are not measured.
-- reads: loaded
-- measure: care_date_lag_days.p50, care_date_lag_days.p90
SELECT borough, feed, stack(2, 'care_date_lag_days.p50', days[0], 'care_date_lag_days.p90', days[1]) AS (measure, value)
FROM (
  SELECT borough, feed, percentile(datediff(night, care_date), array(0.5, 0.9)) AS days
  FROM loaded
  WHERE care_date IS NOT NULL
  GROUP BY borough, feed
)
