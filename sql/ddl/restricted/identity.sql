-- table: restricted.identity
-- purpose: The identity vault of the master person index: one row per distinct identity record
--   (the standardised identifiers one source record carries, with the source's local patient id
--   where its contract declares one). Written only by the link stage; restricted zone only.
-- inputs: the night's raw rows of every feed whose contract classifies identifier columns
-- grain: one row per distinct standardised identity (identity_id)
-- keys: identity_id
CREATE TABLE IF NOT EXISTS ${table} (
  identity_id       STRING  NOT NULL COMMENT 'SHA-256 of the standardised identifiers and local id; never leaves the restricted zone',
  nhs_number        STRING  COMMENT '10 digits as sent (spaces removed); may fail the Modulus 11 check',
  nhs_usable        BOOLEAN NOT NULL COMMENT 'the NHS number passes Modulus 11 and is not an impossible number',
  given_name        STRING  COMMENT 'upper case, accents and punctuation removed',
  family_name       STRING  COMMENT 'upper case, accents and punctuation removed',
  date_of_birth     DATE,
  sex               STRING  COMMENT 'M, F or I; null when unknown',
  postcode          STRING  COMMENT 'upper case with one space before the inward code',
  address           STRING  COMMENT 'first address line, upper case, punctuation removed',
  local_namespace   STRING  COMMENT 'the patient-id namespace the contract declares (carelake.patient-id-namespace), with the borough',
  local_id          STRING  COMMENT 'the source system''s own patient id, if the contract declares one',
  first_seen_night  DATE    NOT NULL,
  first_feed        STRING  NOT NULL,
  first_borough     STRING  NOT NULL
) USING DELTA
