-- table: gold.monthly_activity_deprivation
-- purpose: Service-planning activity for commissioners by deprivation: monthly counts of activity
--   by borough, care setting and deprivation quintile (IMD quintile of the person's LSOA of
--   residence), with the registered population and the rate per 1,000 registered people, and a
--   total row (deprivation quintile 'all') per month, borough and setting. The settings, months,
--   borough and denominator are those of gold.monthly_activity, from the same inputs; the quintile
--   is the shared deprivation_quintile(imd_decile) function's, as in every table (from silver.person's imd_decile: deciles 1-2 are
--   quintile 1, the most deprived, .. 9-10 quintile 5; no decile, or activity of a person without
--   a person row, 'unknown'). The SQL computes raw counts; the gold stage's disclosure control
--   publishes them (0 stays 0, 1-7 suppressed as NULL with status 'suppressed', others rounded to
--   the nearest 5; the total row from the rounded cells; secondary suppression; rates only where
--   numerator and denominator are both at least 8, computed from the rounded counts).
--   Why a table of its own rather than a deprivation_quintile key of gold.monthly_activity: a
--   'totals:' header with several columns publishes the cells and one row with all of them 'all',
--   not the margins, so adding the quintile to monthly_activity would publish age band x sex x
--   quintile cells (six times smaller, far more suppressed) and no longer the age band x sex view
--   the dashboard shows. Here a quintile cell is a fifth of a borough (tens of thousands of people),
--   big enough to survive disclosure control in every setting but the rarest, and the table is at
--   most 24 x 10 x 12 x 7 = 20,160 rows whatever the population.
-- inputs: silver.person, silver.gp_event, silver.hospital_spell, silver.emergency_attendance,
--   silver.outpatient_appointment, silver.mental_health_contact, silver.community_contact,
--   silver.social_care_service, silver.ooh_contact, reference.postcode_lsoa
-- grain: one row per month, borough, setting and deprivation quintile (the 24 months up to the
--   night), plus one total row (deprivation quintile 'all') per month, borough and setting
-- keys: month, borough_code, setting, deprivation_quintile
-- disclosure: aggregate
-- counts: activity_count, registered_population
-- rates: rate_per_1000 = activity_count / registered_population * 1000
-- totals: deprivation_quintile
-- variables: run_night (the night, DATE)
-- incremental: month over the 24 months to the night
--   (each row's month is the activity_month partition of the activity it counts, and every count
--   is a sum over persons, the quintile being the person's: a normal night recomputes only the
--   months and persons it touched, a person who moved being one; see docs/data-engineer.md,
--   "Incremental gold")
-- borough: the person's registered practice borough; else the borough of the LSOA of residence
--   recorded with the activity; else the borough whose extract carried it (as gold.monthly_activity).
WITH activity AS (
  SELECT person_key, event_date AS activity_date, 'gp-event' AS setting, CAST(NULL AS STRING) AS lsoa_code,
         borough_code AS extract_borough, 1 AS units
  FROM silver_gp_event
  UNION ALL
  SELECT person_key, admission_date, 'admitted-care', lsoa_code, borough_code, 1 FROM silver_hospital_spell
  UNION ALL
  -- admitted care split by how the patient came in, as in gold.monthly_activity
  SELECT person_key, admission_date, CASE WHEN is_emergency THEN 'emergency-admission' ELSE 'elective-admission' END,
         lsoa_code, borough_code, 1
  FROM silver_hospital_spell WHERE is_emergency OR admission_method LIKE '1%'
  UNION ALL
  -- bed days of the spells admitted in the month and discharged by the night, as in gold.monthly_activity
  SELECT person_key, admission_date, 'bed-days', lsoa_code, borough_code, datediff(discharge_date, admission_date)
  FROM silver_hospital_spell WHERE discharge_date IS NOT NULL AND discharge_date <= run_night
  UNION ALL
  SELECT person_key, arrival_date, 'emergency-care', lsoa_code, borough_code, 1 FROM silver_emergency_attendance
  UNION ALL
  SELECT person_key, appointment_date, 'outpatient', lsoa_code, borough_code, 1 FROM silver_outpatient_appointment
  UNION ALL
  SELECT person_key, appointment_date, 'outpatient-missed', lsoa_code, borough_code, 1
  FROM silver_outpatient_appointment WHERE did_not_attend
  UNION ALL
  SELECT person_key, contact_date, 'mental-health', lsoa_code, borough_code, 1 FROM silver_mental_health_contact
  UNION ALL
  SELECT person_key, contact_date, 'community', lsoa_code, borough_code, 1 FROM silver_community_contact
  UNION ALL
  SELECT person_key, service_start, 'social-care', lsoa_code, borough_code, 1 FROM silver_social_care_service
  UNION ALL
  SELECT person_key, contact_date, 'out-of-hours', lsoa_code, borough_code, 1 FROM silver_ooh_contact
),
lsoa_borough AS (
  SELECT DISTINCT lsoa_code, borough_code FROM reference_postcode_lsoa
),
-- each person's quintile, by the shared function every table uses
person AS (
  SELECT person_key, borough_code, registration_date, deregistration_date,
         deprivation_quintile(imd_decile) AS deprivation_quintile
  FROM silver_person
),
in_window AS (
  SELECT a.*, trunc(a.activity_date, 'MM') AS month
  FROM activity a
  WHERE a.activity_date <= run_night
    AND a.activity_date >= add_months(trunc(CAST(run_night AS DATE), 'MM'), -23)
),
numerator AS (
  SELECT
    w.month,
    coalesce(p.borough_code, l.borough_code, w.extract_borough) AS borough_code,
    w.setting,
    coalesce(p.deprivation_quintile, 'unknown') AS deprivation_quintile,
    sum(w.units) AS n
  FROM in_window w
  LEFT JOIN person p ON p.person_key = w.person_key
  LEFT JOIN lsoa_borough l ON l.lsoa_code = w.lsoa_code
  GROUP BY 1, 2, 3, 4
),
-- The 24 months and the twelve settings are fixed, not read from the data (see gold.monthly_activity).
months AS (
  SELECT explode(sequence(add_months(trunc(CAST(run_night AS DATE), 'MM'), -23), trunc(CAST(run_night AS DATE), 'MM'),
                          INTERVAL 1 MONTH)) AS month
),
population AS (
  SELECT m.month, p.borough_code, p.deprivation_quintile, count(*) AS d
  FROM months m
  JOIN person p
    ON p.registration_date <= last_day(m.month)
   AND (p.deregistration_date IS NULL OR p.deregistration_date >= m.month)
  GROUP BY 1, 2, 3
),
settings AS (
  SELECT explode(array('gp-event', 'admitted-care', 'emergency-admission', 'elective-admission', 'bed-days', 'emergency-care',
                       'outpatient', 'outpatient-missed', 'mental-health', 'community', 'social-care',
                       'out-of-hours')) AS setting
),
-- Every registered population cell for every setting, joined once to the activity counts: a full
-- join keeps activity whose cell has no registered population (count 0 there).
grid AS (
  SELECT pop.month, pop.borough_code, s.setting, pop.deprivation_quintile, pop.d FROM population pop CROSS JOIN settings s
)
SELECT
  coalesce(g.month, n.month)                               AS month,                 -- DATE: first day of the month the activity fell in
  coalesce(g.borough_code, n.borough_code)                 AS borough_code,          -- STRING: ONS code of the borough: of the registered practice, else of residence, else of the extract
  coalesce(g.setting, n.setting)                           AS setting,               -- STRING: gp-event, admitted-care (every admission; of them emergency-admission and elective-admission), bed-days (the days in hospital of the spells admitted in the month, once discharged), emergency-care, outpatient (every appointment; of them outpatient-missed, not attended), mental-health, community, social-care or out-of-hours
  coalesce(g.deprivation_quintile, n.deprivation_quintile) AS deprivation_quintile,  -- STRING: IMD quintile of the person's LSOA of residence, 1 (most deprived) to 5, or unknown (no decile recorded, or no person row)
  coalesce(n.n, 0)                                         AS activity_count,        -- contacts, events, admissions or services in the setting that month; for bed-days, days
  coalesce(g.d, 0)                                         AS registered_population  -- people registered with a GP practice at some time in the month
FROM grid g
FULL OUTER JOIN numerator n
  ON n.month = g.month AND n.borough_code <=> g.borough_code AND n.setting = g.setting
 AND n.deprivation_quintile = g.deprivation_quintile
