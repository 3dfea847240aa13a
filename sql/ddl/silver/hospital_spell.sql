-- table: silver.hospital_spell
-- purpose: Admitted patient care spells at acute trusts (like HES APC).
-- inputs: sql/silver/acute_apc.sql
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
  borough_code       STRING COMMENT 'borough whose extract carried the spell'
) USING DELTA
