-- table: silver.person
-- purpose: One row per person registered with a GP practice in the region: generalised
--   demographics only (year and month of birth, sex, ethnic group, LSOA, deprivation decile).
-- inputs: silver mappings of the GP registration feeds (sql/silver/gp_*_patients.sql)
-- grain: one row per pseudonymous person
-- keys: person_key
-- latest-by: registration_date
CREATE TABLE IF NOT EXISTS ${table} (
  person_key          STRING  NOT NULL COMMENT 'HMAC-SHA-256 pseudonym of the person',
  birth_year          INT     COMMENT 'year of birth',
  birth_month         INT     COMMENT 'month of birth (1-12)',
  sex                 STRING  COMMENT 'M, F, I (indeterminate) or U (unknown)',
  ethnic_group        STRING  COMMENT 'White, Mixed, Asian, Black, Other or Not stated',
  lsoa_code           STRING  COMMENT 'LSOA of residence, from the postcode',
  imd_decile          INT     COMMENT 'Index of Multiple Deprivation decile of the LSOA (1 = most deprived)',
  practice_code       STRING  COMMENT 'ODS code of the registered practice',
  borough_code        STRING  COMMENT 'ONS code of the borough of the registered practice',
  registration_date   DATE    COMMENT 'start of the current registration',
  deregistration_date DATE    COMMENT 'end of the registration, if ended',
  death_year          INT     COMMENT 'year of death, when the practice recorded one',
  death_month         INT     COMMENT 'month of death (1-12)',
  gp_system           STRING  COMMENT 'supplier format the registration came from'
) USING DELTA
