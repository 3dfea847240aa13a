-- table: silver.gp_event
-- purpose: Coded events recorded in GP practice systems (diagnoses, observations, procedures).
-- inputs: silver mappings of the GP event feeds (sql/silver/gp_*_events.sql)
-- layout: partitioned by activity_month, generated from event_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering event_date reads only those months
-- grain: one row per coded event
-- keys: event_key
-- same-event: person_key, event_date, code_system, code, value
CREATE TABLE IF NOT EXISTS ${table} (
  event_key      STRING NOT NULL COMMENT 'pseudonymous key of the source event',
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  event_date     DATE COMMENT 'date the event was recorded as happening',
  code_system    STRING COMMENT 'SNOMED CT',
  code           STRING COMMENT 'SNOMED CT concept id',
  value          DOUBLE COMMENT 'numeric result, if any',
  units          STRING COMMENT 'units of value, as the practice recorded them',
  practice_code  STRING COMMENT 'ODS code of the GP practice that recorded it',
  borough_code   STRING COMMENT 'borough whose extract carried the event',
  gp_system      STRING COMMENT 'GP supplier format the record came from (EMIS or TPP)',
  activity_month DATE GENERATED ALWAYS AS (trunc(event_date, 'MM')) COMMENT 'first day of the month of event_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
