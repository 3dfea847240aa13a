-- table: silver.ltc_first_coded
-- purpose: Register of long-term conditions in the GP record: per person, condition and month, the
--   first day in the month an event in silver.gp_event codes one of the ten long-term conditions of
--   gold.ltc_prevalence. Derived, not mapped from a feed: the gold stage keeps it up to date from
--   sql/gold/registers/ltc_first_coded.sql, recomputing only the months whose GP events changed,
--   so the prevalence reads this register instead of every GP event the lake holds. GP data: the
--   Type 1 opt-out applies to it as to silver.gp_event.
-- inputs: silver.gp_event (through sql/gold/registers/ltc_first_coded.sql)
-- layout: partitioned by activity_month, the month of the events it summarises: a night replaces
--   only the months of silver.gp_event whose files changed
-- grain: one row per person, condition and month with the condition coded
-- keys: person_key, condition, activity_month
CREATE TABLE IF NOT EXISTS ${table} (
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  condition      STRING NOT NULL COMMENT 'hypertension, type-2-diabetes, asthma, copd, ckd-stage-3-5, heart-failure, atrial-fibrillation, dementia, severe-mental-illness or depression',
  activity_month DATE   NOT NULL COMMENT 'first day of the month of the GP events summarised: the partition',
  first_coded    DATE   NOT NULL COMMENT 'the earliest event_date in the month of an event coding the condition'
) USING DELTA
PARTITIONED BY (activity_month)
