-- table: gold.monthly_activity
-- purpose: Service-planning activity for commissioners: monthly counts of activity by borough of
--   residence, care setting, age band and sex, with the registered population and the rate per
--   1,000 registered people (bed days: the days in hospital of the month's discharged admissions),
--   and a total row (age band and sex 'all') per month, borough and
--   setting. The SQL computes raw counts; the gold stage's disclosure control publishes them (0
--   stays 0, 1-7 suppressed as NULL with status 'suppressed', others rounded to the nearest 5;
--   totals from the rounded cells; secondary suppression; rates only where numerator and
--   denominator are both at least 8, computed from the rounded counts).
-- inputs: silver.person, silver.gp_event, silver.hospital_spell, silver.emergency_attendance,
--   silver.outpatient_appointment, silver.mental_health_contact, silver.community_contact,
--   silver.social_care_service, silver.ooh_contact, reference.postcode_lsoa
-- grain: one row per month, borough, setting, age band and sex (the 24 months up to the night),
--   plus one total row per month, borough and setting
-- keys: month, borough_code, setting, age_band, sex
-- disclosure: aggregate
-- counts: activity_count, registered_population
-- rates: rate_per_1000 = activity_count / registered_population * 1000
-- totals: age_band, sex
-- variables: run_night (the night, DATE)
-- incremental: month over the 24 months to the night
--   (each row's month is the activity_month partition of the activity it counts, and every count
--   is a sum over persons: a normal night recomputes only the months and persons it touched;
--   see docs/data-engineer.md, "Incremental gold")
-- borough: the person's registered practice borough; else the borough of the LSOA of residence
--   recorded with the activity; else the borough whose extract carried it.
WITH activity AS (
  SELECT person_key, event_date AS activity_date, 'gp-event' AS setting,
         CAST(NULL AS INT) AS age_years, CAST(NULL AS STRING) AS sex, CAST(NULL AS STRING) AS lsoa_code,
         borough_code AS extract_borough, 1 AS units
  FROM silver_gp_event
  UNION ALL
  SELECT person_key, admission_date, 'admitted-care', age_years, sex, lsoa_code, borough_code, 1 FROM silver_hospital_spell
  UNION ALL
  -- admitted care split by how the patient came in: emergency (method 2x) and elective (1x); the
  -- rest of admitted-care is maternity (3x) and other (8x)
  SELECT person_key, admission_date, CASE WHEN is_emergency THEN 'emergency-admission' ELSE 'elective-admission' END,
         age_years, sex, lsoa_code, borough_code, 1
  FROM silver_hospital_spell WHERE is_emergency OR admission_method LIKE '1%'
  UNION ALL
  -- bed days: the length of stay of the spells admitted in the month and discharged by the night
  -- (a day case 0), counted in the month of admission, so that a spell's days stay in its
  -- activity_month partition and change only when the spell's row does; a spell still open adds
  -- its days on the night its discharge arrives
  SELECT person_key, admission_date, 'bed-days', age_years, sex, lsoa_code, borough_code,
         datediff(discharge_date, admission_date)
  FROM silver_hospital_spell WHERE discharge_date IS NOT NULL AND discharge_date <= run_night
  UNION ALL
  SELECT person_key, arrival_date, 'emergency-care', age_years, sex, lsoa_code, borough_code, 1 FROM silver_emergency_attendance
  UNION ALL
  SELECT person_key, appointment_date, 'outpatient', age_years, sex, lsoa_code, borough_code, 1 FROM silver_outpatient_appointment
  UNION ALL
  SELECT person_key, appointment_date, 'outpatient-missed', age_years, sex, lsoa_code, borough_code, 1
  FROM silver_outpatient_appointment WHERE did_not_attend
  UNION ALL
  SELECT person_key, contact_date, 'mental-health', age_years, sex, lsoa_code, borough_code, 1 FROM silver_mental_health_contact
  UNION ALL
  SELECT person_key, contact_date, 'community', age_years, sex, lsoa_code, borough_code, 1 FROM silver_community_contact
  UNION ALL
  SELECT person_key, service_start, 'social-care', age_years, sex, lsoa_code, borough_code, 1 FROM silver_social_care_service
  UNION ALL
  SELECT person_key, contact_date, 'out-of-hours', age_years, sex, lsoa_code, borough_code, 1 FROM silver_ooh_contact
),
lsoa_borough AS (
  SELECT DISTINCT lsoa_code, borough_code FROM reference_postcode_lsoa
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
    coalesce(w.age_years,
             CAST(floor((year(w.month) * 12 + month(w.month) - p.birth_year * 12 - p.birth_month) / 12) AS INT)) AS age,
    coalesce(CASE WHEN w.sex = 'U' THEN NULL ELSE w.sex END, p.sex, 'U') AS sex,
    sum(w.units) AS n
  FROM in_window w
  LEFT JOIN silver_person p ON p.person_key = w.person_key
  LEFT JOIN lsoa_borough l ON l.lsoa_code = w.lsoa_code
  GROUP BY 1, 2, 3, 4, 5
),
banded AS (
  SELECT month, borough_code, setting, age_band(age) AS age_band, sex, sum(n) AS n
  FROM numerator GROUP BY 1, 2, 3, 4, 5
),
-- The 24 months and the twelve settings are fixed, not read from the data: each CTE below is
-- computed once per reference, so deriving them from the activity would scan every silver
-- table again. A month or setting with no activity at all still gets its rows (count 0).
months AS (
  SELECT explode(sequence(add_months(trunc(CAST(run_night AS DATE), 'MM'), -23), trunc(CAST(run_night AS DATE), 'MM'),
                          INTERVAL 1 MONTH)) AS month
),
population AS (
  SELECT
    m.month,
    p.borough_code,
    age_band(CAST(floor((year(m.month) * 12 + month(m.month) - p.birth_year * 12 - p.birth_month) / 12) AS INT)) AS age_band,
    p.sex,
    count(*) AS d
  FROM months m
  JOIN silver_person p
    ON p.registration_date <= last_day(m.month)
   AND (p.deregistration_date IS NULL OR p.deregistration_date >= m.month)
  GROUP BY 1, 2, 3, 4
),
settings AS (
  SELECT explode(array('gp-event', 'admitted-care', 'emergency-admission', 'elective-admission', 'bed-days', 'emergency-care',
                       'outpatient', 'outpatient-missed', 'mental-health', 'community', 'social-care',
                       'out-of-hours')) AS setting
),
-- Every registered population cell for every setting, joined once to the activity counts: a full
-- join keeps activity whose cell has no registered population (count 0 there).
grid AS (
  SELECT pop.month, pop.borough_code, s.setting, pop.age_band, pop.sex, pop.d FROM population pop CROSS JOIN settings s
)
SELECT
  coalesce(g.month, b.month)               AS month,                 -- DATE: first day of the month the activity fell in
  coalesce(g.borough_code, b.borough_code) AS borough_code,          -- STRING: ONS code of the borough: of the registered practice, else of residence, else of the extract
  coalesce(g.setting, b.setting)           AS setting,               -- STRING: gp-event, admitted-care (every admission; of them emergency-admission and elective-admission), bed-days (the days in hospital of the spells admitted in the month, once discharged), emergency-care, outpatient (every appointment; of them outpatient-missed, not attended), mental-health, community, social-care or out-of-hours
  coalesce(g.age_band, b.age_band)         AS age_band,              -- STRING: age band at the month (0-4, 5-17, 18-34, 35-49, 50-64, 65-79, 80+, Unknown)
  coalesce(g.sex, b.sex)                   AS sex,                   -- STRING: M, F, I (indeterminate) or U (unknown)
  coalesce(b.n, 0)                         AS activity_count,        -- contacts, events, admissions or services in the setting that month; for bed-days, days
  coalesce(g.d, 0)                         AS registered_population  -- people registered with a GP practice at some time in the month
FROM grid g
FULL OUTER JOIN banded b
  ON b.month = g.month AND b.borough_code <=> g.borough_code AND b.setting = g.setting
 AND b.age_band = g.age_band AND b.sex = g.sex
