-- feed: asc_services
-- target: silver.social_care_service
-- purpose: Adult social care services.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per service episode
SELECT
  record_key('asc_services', s._borough, s.service_id)     AS service_key,
  s._person_key                                            AS person_key,
  s.service_start                                          AS service_start,
  s.service_end                                            AS service_end,
  s.service_type                                           AS service_type,
  s.support_reason                                         AS support_reason,
  age_years(s.date_of_birth, s.service_start)              AS age_years,
  std_sex(s.sex)                                           AS sex,
  p.lsoa_code                                              AS lsoa_code,
  s.la_code                                                AS la_code,
  s._borough                                               AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
