-- table: ops.data_quality
-- purpose: Data-quality measures of every night for each borough's feed, in the categories of
--   OHDSI's Data Quality Dashboard (conformance, completeness, plausibility): completeness of
--   every contract column, validity, uniqueness, timeliness, linkage rate and match scores,
--   quarantine rate by rule and row volume. Each measure sits beside its average over earlier
--   nights so a drift shows. Shares, counts and days only: no patient data.
-- inputs: the night's restricted.ingest_ledger rows and restricted.raw_<feed> and
--   restricted.quarantine partitions, restricted.person_link; the checks in sql/checks/
-- grain: one row per night, borough, feed and measure
-- keys: night, borough, feed, measure
CREATE TABLE IF NOT EXISTS ${table} (
  night            DATE    NOT NULL,
  borough          STRING  NOT NULL COMMENT 'ONS code of the borough that sent the feed',
  feed             STRING  NOT NULL COMMENT 'data contract id',
  category         STRING  NOT NULL COMMENT 'conformance, completeness or plausibility',
  measure          STRING  NOT NULL COMMENT 'e.g. loaded_share, completeness.nhs_number, quarantine_rate.admission_date.not-in-future',
  value            DOUBLE  NOT NULL COMMENT 'a share between 0 and 1, a number of rows or a number of days',
  previous_average DOUBLE  COMMENT 'mean of the measure over the previous_nights most recent earlier nights that have it; null when none',
  previous_nights  INT     NOT NULL COMMENT 'earlier nights in previous_average: 0 to quality.previous-nights (7)',
  check_name       STRING  NOT NULL COMMENT 'the file in sql/checks/ that measured it',
  run_id           STRING  NOT NULL
) USING DELTA
