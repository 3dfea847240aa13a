-- table: silver.hospital_spell
-- purpose: Admitted patient care spells at acute trusts (like HES APC).
-- inputs: sql/silver/acute_apc.sql
-- layout: partitioned by activity_month, generated from admission_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering admission_date reads only those months
-- grain: one row per spell
-- keys: spell_key
-- same-event: person_key, admission_date, admission_method, primary_diagnosis, provider_code
CREATE TABLE IF NOT EXISTS ${table} (
  spell_key          STRING NOT NULL,
  person_key         STRING NOT NULL,
  admission_date     DATE,
  discharge_date     DATE,
  admission_method   STRING,
  is_emergency       BOOLEAN COMMENT 'admission method 2x',
  primary_diagnosis  STRING COMMENT 'ICD-10, with a dot after the third character',
  primary_procedure  STRING COMMENT 'OPCS-4, with a dot after the third character',
  age_years          INT    COMMENT 'age at admission',
  sex                STRING,
  lsoa_code          STRING COMMENT 'LSOA of residence at admission',
  provider_code      STRING,
  borough_code       STRING COMMENT 'borough whose extract carried the spell',
  activity_month DATE GENERATED ALWAYS AS (trunc(admission_date, 'MM')) COMMENT 'first day of the month of admission_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
