-- table: silver.mental_health_contact
-- purpose: Care contacts with mental-health services (like MHSDS).
-- inputs: sql/silver/mh_contacts.sql
-- layout: partitioned by activity_month, generated from contact_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering contact_date reads only those months
-- grain: one row per care contact
-- keys: contact_key
-- same-event: person_key, contact_date, team_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  contact_key    STRING NOT NULL COMMENT 'pseudonymous key of the source contact (feed, borough and provider id)',
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  referral_key   STRING COMMENT 'pseudonymous key of the referral the contact belongs to',
  contact_date   DATE COMMENT 'date of the care contact',
  team_type      STRING COMMENT 'MHSDS service or team type (A01-A25, C01-C10)',
  attended       BOOLEAN COMMENT 'the person was seen (attendance status 5 or 6)',
  age_years      INT COMMENT 'age in whole years at the contact',
  sex            STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code      STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  provider_code  STRING COMMENT 'ODS code of the provider organisation',
  borough_code   STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(contact_date, 'MM')) COMMENT 'first day of the month of contact_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
