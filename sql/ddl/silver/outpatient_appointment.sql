-- table: silver.outpatient_appointment
-- purpose: Outpatient appointments (like HES OP), attended or not.
-- inputs: sql/silver/acute_op.sql
-- layout: partitioned by activity_month, generated from appointment_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering appointment_date reads only those months
-- grain: one row per appointment
-- keys: appointment_key
-- same-event: person_key, appointment_date, treatment_specialty, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  appointment_key      STRING NOT NULL COMMENT 'pseudonymous key of the source appointment (feed, borough and provider id)',
  person_key           STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  appointment_date     DATE COMMENT 'date of the appointment',
  treatment_specialty  STRING COMMENT 'treatment function (main specialty) code',
  attendance_status    STRING COMMENT 'HES attendance status as sent: 2 or 4 cancelled, 3 did not attend, 5 or 6 seen, 7 arrived late not seen',
  attended             BOOLEAN COMMENT 'status 5 or 6',
  did_not_attend       BOOLEAN COMMENT 'status 3',
  first_attendance     BOOLEAN COMMENT 'a first appointment rather than a follow-up',
  age_years            INT COMMENT 'age in whole years at the appointment',
  sex                  STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code            STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  provider_code        STRING COMMENT 'ODS code of the provider organisation',
  borough_code         STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(appointment_date, 'MM')) COMMENT 'first day of the month of appointment_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
