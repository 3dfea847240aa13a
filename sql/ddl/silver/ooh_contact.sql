-- table: silver.ooh_contact
-- purpose: Out-of-hours urgent care contacts.
-- inputs: sql/silver/ooh_contacts.sql
-- layout: partitioned by activity_month, generated from contact_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering contact_date reads only those months
-- grain: one row per case
-- keys: case_key
-- same-event: person_key, contact_date, contact_hour, contact_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  case_key       STRING NOT NULL,
  person_key     STRING NOT NULL,
  contact_date   DATE,
  contact_hour   INT,
  contact_type   STRING,
  outcome        STRING,
  age_years      INT,
  sex            STRING,
  lsoa_code      STRING,
  provider_code  STRING,
  borough_code   STRING,
  activity_month DATE GENERATED ALWAYS AS (trunc(contact_date, 'MM')) COMMENT 'first day of the month of contact_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
