-- table: silver.social_care_service
-- purpose: Adult social care services provided by councils (like ASC Client Level Data).
-- inputs: sql/silver/asc_services.sql
-- layout: partitioned by activity_month, generated from service_start: a night rewrites only the files of the
--   months its rows fall in, and a query filtering service_start reads only those months
-- grain: one row per service episode
-- keys: service_key
-- same-event: person_key, service_start, service_type, la_code
CREATE TABLE IF NOT EXISTS ${table} (
  service_key     STRING NOT NULL COMMENT 'pseudonymous key of the source service (feed, borough and council id)',
  person_key      STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  service_start   DATE COMMENT 'start of the service',
  service_end     DATE COMMENT 'end of the service; empty while it continues',
  service_type    STRING COMMENT 'type of adult social care service (home-care, long-term-residential-care, short-term-reablement, ...)',
  support_reason  STRING COMMENT 'primary support reason (physical-support, memory-and-cognition, mental-health-support, ...)',
  age_years       INT COMMENT 'age in whole years at the start of the service',
  sex             STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code       STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  la_code         STRING COMMENT 'ONS code of the council',
  borough_code    STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(service_start, 'MM')) COMMENT 'first day of the month of service_start: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
