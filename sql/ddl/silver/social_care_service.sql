-- table: silver.social_care_service
-- purpose: Adult social care services provided by councils (like ASC Client Level Data).
-- inputs: sql/silver/asc_services.sql
-- layout: partitioned by activity_month, generated from service_start: a night rewrites only the files of the
--   months its rows fall in, and a query filtering service_start reads only those months
-- grain: one row per service episode
-- keys: service_key
-- same-event: person_key, service_start, service_type, la_code
CREATE TABLE IF NOT EXISTS ${table} (
  service_key     STRING NOT NULL,
  person_key      STRING NOT NULL,
  service_start   DATE,
  service_end     DATE,
  service_type    STRING,
  support_reason  STRING,
  age_years       INT,
  sex             STRING,
  lsoa_code       STRING,
  la_code         STRING COMMENT 'ONS code of the council',
  borough_code    STRING,
  activity_month DATE GENERATED ALWAYS AS (trunc(service_start, 'MM')) COMMENT 'first day of the month of service_start: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
