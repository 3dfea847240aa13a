-- table: silver.outpatient_appointment
-- purpose: Outpatient appointments (like HES OP), attended or not.
-- inputs: sql/silver/acute_op.sql
-- layout: partitioned by activity_month, generated from appointment_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering appointment_date reads only those months
-- grain: one row per appointment
-- keys: appointment_key
-- same-event: person_key, appointment_date, treatment_specialty, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  appointment_key      STRING NOT NULL,
  person_key           STRING NOT NULL,
  appointment_date     DATE,
  treatment_specialty  STRING,
  attendance_status    STRING,
  attended             BOOLEAN COMMENT 'status 5 or 6',
  did_not_attend       BOOLEAN COMMENT 'status 3',
  first_attendance     BOOLEAN,
  age_years            INT,
  sex                  STRING,
  lsoa_code            STRING,
  provider_code        STRING,
  borough_code         STRING,
  activity_month DATE GENERATED ALWAYS AS (trunc(appointment_date, 'MM')) COMMENT 'first day of the month of appointment_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
