-- table: silver.emergency_attendance
-- purpose: Emergency care attendances (like ECDS).
-- inputs: sql/silver/acute_ecds.sql
-- layout: partitioned by activity_month, generated from arrival_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering arrival_date reads only those months
-- grain: one row per attendance
-- keys: attendance_key
-- same-event: person_key, arrival_date, arrival_hour, chief_complaint, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  attendance_key         STRING NOT NULL COMMENT 'pseudonymous key of the source attendance (feed, borough and provider id)',
  person_key             STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  arrival_date           DATE COMMENT 'date of arrival at the emergency department',
  arrival_hour           INT COMMENT 'hour of arrival (0-23, local time)',
  chief_complaint        STRING COMMENT 'SNOMED CT',
  acuity                 INT    COMMENT '1 (immediate resuscitation) to 5 (standard)',
  discharge_destination  STRING COMMENT 'SNOMED CT',
  age_years              INT COMMENT 'age in whole years at arrival',
  sex                    STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code              STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  provider_code          STRING COMMENT 'ODS code of the provider organisation',
  borough_code           STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(arrival_date, 'MM')) COMMENT 'first day of the month of arrival_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
