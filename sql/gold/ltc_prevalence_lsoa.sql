-- table: gold.ltc_prevalence_lsoa
-- purpose: Service planning for small areas: recorded prevalence of the ten long-term conditions of
--   gold.ltc_prevalence on the night, by LSOA of residence (the small areas of about 1,500 people
--   that deprivation is measured for), for ranking neighbourhoods within a borough: of the people
--   registered with a GP practice on the night and living in the LSOA, those with the condition
--   coded in their GP record on or before it, and the rate per 1,000. Same definition as
--   gold.ltc_prevalence (all ages, GP record only), read from the same register
--   silver.ltc_first_coded; the current month only (the trend by borough and deprivation quintile
--   is gold.ltc_prevalence's). The SQL computes raw counts; the gold stage's disclosure control
--   publishes them (0 stays 0, 1-7 suppressed as NULL with status 'suppressed', others rounded to
--   the nearest 5; rates only where numerator and denominator are both at least 8, from the
--   rounded counts). No total rows: the borough totals are gold.ltc_prevalence's.
-- inputs: silver.person, silver.ltc_first_coded, reference.postcode_lsoa
-- codelists: hypertension-snomed@1, type-2-diabetes-snomed@1, asthma-snomed@1, copd-snomed@1,
--   ckd-stage-3-5-snomed@1, heart-failure-snomed@1, atrial-fibrillation-snomed@1, dementia-snomed@1,
--   severe-mental-illness-snomed@1, depression-snomed@1
-- grain: one row per LSOA of residence and condition, for the month of the night
-- keys: month, borough_code, lsoa_code, deprivation_quintile, condition
-- disclosure: aggregate
-- counts: people_with_condition, registered_population
-- rates: prevalence_per_1000 = people_with_condition / registered_population * 1000
-- variables: run_night (the night, DATE)
WITH lsoas AS (
  SELECT DISTINCT lsoa_code, borough_code FROM reference_postcode_lsoa
),
-- people registered on the night and alive on it (a death month without a day counts to its end)
registered AS (
  SELECT p.person_key,
         coalesce(l.borough_code, p.borough_code) AS borough_code,
         coalesce(p.lsoa_code, 'unknown') AS lsoa_code,
         deprivation_quintile(p.imd_decile) AS deprivation_quintile
  FROM silver_person p
  LEFT JOIN lsoas l ON l.lsoa_code = p.lsoa_code
  WHERE p.registration_date <= run_night
    AND (p.deregistration_date IS NULL OR p.deregistration_date > run_night)
    AND (p.death_year IS NULL OR last_day(make_date(p.death_year, coalesce(p.death_month, 12), 1)) >= run_night)
),
coded AS (
  SELECT DISTINCT person_key, condition FROM silver_ltc_first_coded WHERE first_coded <= run_night
),
conditions AS (
  SELECT explode(array('hypertension', 'type-2-diabetes', 'asthma', 'copd', 'ckd-stage-3-5', 'heart-failure',
                       'atrial-fibrillation', 'dementia', 'severe-mental-illness', 'depression')) AS condition
),
population AS (
  SELECT borough_code, lsoa_code, deprivation_quintile, count(*) AS d FROM registered GROUP BY 1, 2, 3
),
cases AS (
  SELECT r.borough_code, r.lsoa_code, r.deprivation_quintile, c.condition, count(*) AS n
  FROM registered r
  JOIN coded c ON c.person_key = r.person_key
  GROUP BY 1, 2, 3, 4
)
SELECT
  trunc(CAST(run_night AS DATE), 'MM') AS month,                  -- DATE: first day of the month of the night; counted on the night
  p.borough_code                       AS borough_code,           -- STRING: ONS code of the borough the LSOA lies in (of the registered practice where the LSOA is unknown or outside the region)
  p.lsoa_code                          AS lsoa_code,              -- STRING: ONS code of the LSOA of residence (2021), or unknown
  p.deprivation_quintile               AS deprivation_quintile,   -- STRING: IMD quintile of the LSOA, 1 (most deprived) to 5, or unknown
  k.condition                          AS condition,              -- STRING: hypertension, type-2-diabetes, asthma, copd, ckd-stage-3-5, heart-failure, atrial-fibrillation, dementia, severe-mental-illness or depression
  coalesce(c.n, 0)                     AS people_with_condition,  -- registered people living in the LSOA with the condition coded in their GP record on or before the night
  p.d                                  AS registered_population   -- people living in the LSOA registered with a GP practice on the night
FROM population p
CROSS JOIN conditions k
LEFT JOIN cases c
  ON c.borough_code <=> p.borough_code AND c.lsoa_code = p.lsoa_code AND c.deprivation_quintile = p.deprivation_quintile
 AND c.condition = k.condition
