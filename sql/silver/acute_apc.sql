-- feed: acute_apc
-- target: silver.hospital_spell
-- purpose: Admitted patient care spells, with ICD-10 and OPCS-4 codes in dotted form, age at
--   admission instead of date of birth and LSOA instead of postcode.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per spell
SELECT
  record_key('acute_apc', s._borough, s.spell_id)    AS spell_key,
  s._person_key                                      AS person_key,
  s.admission_date                                   AS admission_date,
  s.discharge_date                                   AS discharge_date,
  s.admission_method                                 AS admission_method,
  s.admission_method LIKE '2%'                       AS is_emergency,
  std_dotted_code(s.primary_diagnosis)               AS primary_diagnosis,
  std_dotted_code(s.primary_procedure)               AS primary_procedure,
  age_years(s.date_of_birth, s.admission_date)       AS age_years,
  std_sex(s.sex)                                     AS sex,
  p.lsoa_code                                        AS lsoa_code,
  s.provider_code                                    AS provider_code,
  s._borough                                         AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
