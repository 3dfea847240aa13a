-- table: silver.community_contact
-- purpose: Care contacts with community health services (like CSDS).
-- inputs: sql/silver/community_contacts.sql
-- grain: one row per care contact
-- keys: contact_key
-- same-event: person_key, contact_date, service_type, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  contact_key    STRING NOT NULL,
  person_key     STRING NOT NULL,
  contact_date   DATE,
  service_type   STRING,
  attended       BOOLEAN,
  age_years      INT,
  sex            STRING,
  lsoa_code      STRING,
  provider_code  STRING,
  borough_code   STRING
) USING DELTA
