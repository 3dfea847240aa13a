-- feed: ooh_contacts
-- target: silver.ooh_contact
-- purpose: Out-of-hours contacts; contact time reduced to date and hour.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per case
SELECT
  record_key('ooh_contacts', s._borough, s.case_id)           AS case_key,
  s._person_key                                               AS person_key,
  to_date(s.contact_time)                                     AS contact_date,
  hour(s.contact_time)                                        AS contact_hour,
  s.contact_type                                              AS contact_type,
  s.outcome                                                   AS outcome,
  age_years(s.date_of_birth, to_date(s.contact_time))         AS age_years,
  std_sex(s.sex)                                              AS sex,
  p.lsoa_code                                                 AS lsoa_code,
  s.provider_code                                             AS provider_code,
  s._borough                                                  AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
