-- feed: acute_op
-- target: silver.outpatient_appointment
-- purpose: Outpatient appointments with attended / did-not-attend flags.
-- inputs: source (this night's loaded rows of the feed), postcode_lsoa (reference)
-- grain: one row per appointment
SELECT
  record_key('acute_op', s._borough, s.appointment_id)        AS appointment_key,
  s._person_key                                               AS person_key,
  s.appointment_date                                          AS appointment_date,
  s.treatment_specialty                                       AS treatment_specialty,
  s.attendance_status                                         AS attendance_status,
  s.attendance_status IN ('5', '6')                           AS attended,
  s.attendance_status = '3'                                   AS did_not_attend,
  s.first_attendance = '1'                                    AS first_attendance,
  age_years(s.date_of_birth, s.appointment_date)              AS age_years,
  std_sex(s.sex)                                              AS sex,
  p.lsoa_code                                                 AS lsoa_code,
  s.provider_code                                             AS provider_code,
  s._borough                                                  AS borough_code
FROM source s
LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)
