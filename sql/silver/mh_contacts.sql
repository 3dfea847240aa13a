-- feed: mh_contacts
-- target: silver.mental_health_contact
-- purpose: Mental-health care contacts; the referral id is pseudonymised like the contact id.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per care contact
SELECT
  record_key('mh_contacts', s._borough, s.contact_id)       AS contact_key,
  s._person_key                                             AS person_key,
  record_key('mh_referrals', s._borough, s.referral_id)     AS referral_key,
  s.contact_date                                            AS contact_date,
  s.team_type                                               AS team_type,
  s.attended IN ('5', '6')                                  AS attended,
  age_years(s.date_of_birth, s.contact_date)                AS age_years,
  std_sex(s.sex)                                            AS sex,
  p.lsoa_code                                               AS lsoa_code,
  s.provider_code                                           AS provider_code,
  s._borough                                                AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
