-- feed: community_contacts
-- target: silver.community_contact
-- purpose: Community health care contacts.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per care contact
SELECT
  record_key('community_contacts', s._borough, s.contact_id)  AS contact_key,
  s._person_key                                               AS person_key,
  s.contact_date                                              AS contact_date,
  s.service_type                                              AS service_type,
  s.attended IN ('5', '6')                                    AS attended,
  age_years(s.date_of_birth, s.contact_date)                  AS age_years,
  std_sex(s.sex)                                              AS sex,
  p.lsoa_code                                                 AS lsoa_code,
  s.provider_code                                             AS provider_code,
  s._borough                                                  AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
