-- table: silver.emergency_attendance
-- purpose: Emergency care attendances (like ECDS).
-- inputs: sql/silver/acute_ecds.sql
-- layout: partitioned by activity_month, generated from arrival_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering arrival_date reads only those months
-- grain: one row per attendance
-- keys: attendance_key
-- same-event: person_key, arrival_date, arrival_hour, chief_complaint, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  attendance_key         STRING NOT NULL,
  person_key             STRING NOT NULL,
  arrival_date           DATE,
  arrival_hour           INT,
  chief_complaint        STRING COMMENT 'SNOMED CT',
  acuity                 INT    COMMENT '1 (immediate resuscitation) to 5 (standard)',
  discharge_destination  STRING COMMENT 'SNOMED CT',
  age_years              INT,
  sex                    STRING,
  lsoa_code              STRING,
  provider_code          STRING,
  borough_code           STRING,
  activity_month DATE GENERATED ALWAYS AS (trunc(arrival_date, 'MM')) COMMENT 'first day of the month of arrival_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
