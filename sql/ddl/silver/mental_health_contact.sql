-- table: silver.mental_health_contact
-- purpose: Care contacts with mental-health services (like MHSDS).
-- inputs: sql/silver/mh_contacts.sql
-- layout: partitioned by activity_month, generated from contact_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering contact_date reads only those months
-- grain: one row per care contact
-- keys: contact_key
-- same-event: person_key, contact_date, team_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  contact_key    STRING NOT NULL,
  person_key     STRING NOT NULL,
  referral_key   STRING,
  contact_date   DATE,
  team_type      STRING,
  attended       BOOLEAN,
  age_years      INT,
  sex            STRING,
  lsoa_code      STRING,
  provider_code  STRING,
  borough_code   STRING,
  activity_month DATE GENERATED ALWAYS AS (trunc(contact_date, 'MM')) COMMENT 'first day of the month of contact_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
