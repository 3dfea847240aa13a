-- table: silver.ooh_contact
-- purpose: Out-of-hours urgent care contacts.
-- inputs: sql/silver/ooh_contacts.sql
-- layout: partitioned by activity_month, generated from contact_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering contact_date reads only those months
-- grain: one row per case
-- keys: case_key
-- same-event: person_key, contact_date, contact_hour, contact_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  case_key       STRING NOT NULL COMMENT 'pseudonymous key of the source case (feed, borough and provider reference)',
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  contact_date   DATE COMMENT 'date the contact started',
  contact_hour   INT COMMENT 'hour the contact started (0-23, local time)',
  contact_type   STRING COMMENT 'how the person was seen: telephone, face-to-face or home-visit',
  outcome        STRING COMMENT 'outcome of the contact (advice-only, prescription, referred-to-gp, referred-to-ed, admitted, ...)',
  age_years      INT COMMENT 'age in whole years at the contact',
  sex            STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code      STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  provider_code  STRING COMMENT 'ODS code of the out-of-hours provider',
  borough_code   STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(contact_date, 'MM')) COMMENT 'first day of the month of contact_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
