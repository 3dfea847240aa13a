-- feed: acute_ecds
-- target: silver.emergency_attendance
-- purpose: Emergency care attendances; arrival reduced to date and hour.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per attendance
SELECT
  record_key('acute_ecds', s._borough, s.attendance_id)          AS attendance_key,
  s._person_key                                                  AS person_key,
  to_date(s.arrival_time)                                        AS arrival_date,
  hour(s.arrival_time)                                           AS arrival_hour,
  s.chief_complaint                                              AS chief_complaint,
  CAST(s.acuity AS INT)                                          AS acuity,
  s.discharge_destination                                        AS discharge_destination,
  age_years(s.date_of_birth, to_date(s.arrival_time))            AS age_years,
  std_sex(s.sex)                                                 AS sex,
  p.lsoa_code                                                    AS lsoa_code,
  s.provider_code                                                AS provider_code,
  s._borough                                                     AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
