-- feed: gp_tpp_patients
-- target: silver.person
-- purpose: TPP-like registrations onto the person table: date of birth reduced to year and
--   month (and date of death likewise), postcode to LSOA and deprivation decile; names, address, phone and NHS number dropped.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per registration (the stage keeps the latest registration per person)
SELECT
  s._person_key                       AS person_key,
  year(s.date_of_birth)               AS birth_year,
  month(s.date_of_birth)              AS birth_month,
  std_sex(s.sex)                      AS sex,
  std_ethnic_group(s.ethnicity)       AS ethnic_group,
  p.lsoa_code                         AS lsoa_code,
  p.imd_decile                        AS imd_decile,
  s.practice_code                     AS practice_code,
  s._borough                          AS borough_code,
  s.registration_date                 AS registration_date,
  s.deregistration_date               AS deregistration_date,
  year(s.date_of_death)               AS death_year,
  month(s.date_of_death)              AS death_month,
  'TPP'                               AS gp_system
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
