-- table: silver.community_contact
-- purpose: Care contacts with community health services (like CSDS).
-- inputs: sql/silver/community_contacts.sql
-- layout: partitioned by activity_month, generated from contact_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering contact_date reads only those months
-- grain: one row per care contact
-- keys: contact_key
-- same-event: person_key, contact_date, service_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  contact_key    STRING NOT NULL COMMENT 'pseudonymous key of the source contact (feed, borough and provider id)',
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  contact_date   DATE COMMENT 'date of the care contact',
  service_type   STRING COMMENT 'community service that made the contact (district-nursing, podiatry, physiotherapy, ...)',
  attended       BOOLEAN COMMENT 'the person was seen (attendance status 5 or 6)',
  age_years      INT COMMENT 'age in whole years at the contact',
  sex            STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the activity',
  lsoa_code      STRING COMMENT 'LSOA of residence, from the postcode recorded with the activity',
  provider_code  STRING COMMENT 'ODS code of the provider organisation',
  borough_code   STRING COMMENT 'ONS code of the borough whose extract carried the record',
  activity_month DATE GENERATED ALWAYS AS (trunc(contact_date, 'MM')) COMMENT 'first day of the month of contact_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
