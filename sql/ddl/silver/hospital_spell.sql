-- table: silver.hospital_spell
-- purpose: Admitted patient care spells at acute trusts (like HES APC).
-- inputs: sql/silver/acute_apc.sql
-- layout: partitioned by activity_month, generated from admission_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering admission_date reads only those months
-- grain: one row per spell
-- keys: spell_key
-- same-event: person_key, admission_date, admission_method, primary_diagnosis, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  spell_key          STRING NOT NULL COMMENT 'pseudonymous key of the source spell (feed, borough and provider id)',
  person_key         STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  admission_date     DATE COMMENT 'start of the hospital spell',
  discharge_date     DATE COMMENT 'end of the spell; empty while the patient is still in hospital',
  admission_method   STRING COMMENT 'HES admission method: 1x elective, 2x emergency, 3x maternity, 8x other',
  is_emergency       BOOLEAN COMMENT 'admission method 2x',
  primary_diagnosis  STRING COMMENT 'ICD-10, with a dot after the third character',
  primary_procedure  STRING COMMENT 'OPCS-4, with a dot after the third character',
  age_years          INT    COMMENT 'age at admission',
  sex                STRING COMMENT 'M, F, I (indeterminate) or U (unknown), as recorded with the spell',
  lsoa_code          STRING COMMENT 'LSOA of residence at admission',
  provider_code      STRING COMMENT 'ODS code of the provider organisation',
  borough_code       STRING COMMENT 'borough whose extract carried the spell',
  activity_month DATE GENERATED ALWAYS AS (trunc(admission_date, 'MM')) COMMENT 'first day of the month of admission_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
