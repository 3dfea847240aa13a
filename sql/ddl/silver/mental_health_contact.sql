-- table: silver.mental_health_contact
-- purpose: Care contacts with mental-health services (like MHSDS).
-- inputs: sql/silver/mh_contacts.sql
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
  borough_code   STRING
) USING DELTA
