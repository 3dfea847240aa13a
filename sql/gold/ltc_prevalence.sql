-- table: gold.ltc_prevalence
-- purpose: Service planning: recorded prevalence of ten long-term conditions, monthly by borough
--   and deprivation quintile: of the people registered with a GP practice on the month's last day
--   (the night, for the current month), those with the condition coded in their GP record on or
--   before that day, and the rate per 1,000. All ages (QOF's registers restrict some conditions
--   by age, so QOF prevalence runs a little lower for asthma, CKD, depression and diabetes); a
--   condition known only from a hospital diagnosis does not count, as the GP record is the
--   register. The SQL computes raw counts; the gold stage's disclosure control publishes them (0
--   stays 0, 1-7 suppressed as NULL with status 'suppressed', others rounded to the nearest 5; the
--   total row per month, borough and condition from the rounded cells, with secondary suppression;
--   rates only where numerator and denominator are both at least 8, from the rounded counts).
--   The conditions are read from the register silver.ltc_first_coded, kept by the gold stage from
--   sql/gold/registers/ltc_first_coded.sql with the same ten codelists (named here too, for the
--   data dictionary and so that a changed codelist rebuilds this table).
-- inputs: silver.person, silver.ltc_first_coded
-- codelists: hypertension-snomed@1, type-2-diabetes-snomed@1, asthma-snomed@1, copd-snomed@1,
--   ckd-stage-3-5-snomed@1, heart-failure-snomed@1, atrial-fibrillation-snomed@1, dementia-snomed@1,
--   severe-mental-illness-snomed@1, depression-snomed@1
-- grain: one row per month, borough, condition and deprivation quintile (the 24 months up to the
--   night), plus a total row (deprivation quintile 'all') per month, borough and condition
-- keys: month, borough_code, condition, deprivation_quintile
-- disclosure: aggregate
-- counts: people_with_condition, registered_population
-- rates: prevalence_per_1000 = people_with_condition / registered_population * 1000
-- totals: deprivation_quintile
-- variables: run_night (the night, DATE)
WITH months AS (
  SELECT month, least(last_day(month), CAST(run_night AS DATE)) AS month_end
  FROM (SELECT explode(sequence(add_months(trunc(CAST(run_night AS DATE), 'MM'), -23), trunc(CAST(run_night AS DATE), 'MM'),
                                INTERVAL 1 MONTH)) AS month)
),
-- people registered on each month's last day, alive on it (a death month without a day counts to its end)
registered AS (
  SELECT m.month, m.month_end, p.person_key, p.borough_code,
         deprivation_quintile(p.imd_decile) AS deprivation_quintile
  FROM months m
  JOIN silver_person p
    ON p.registration_date <= m.month_end
   AND (p.deregistration_date IS NULL OR p.deregistration_date > m.month_end)
   AND (p.death_year IS NULL OR last_day(make_date(p.death_year, coalesce(p.death_month, 12), 1)) >= m.month_end)
),
-- the first date each person's GP record codes each condition, from the register of it kept by
-- month (sql/gold/registers/ltc_first_coded.sql): a read of the register, not of every GP event
coded AS (
  SELECT person_key, condition, min(first_coded) AS first_coded
  FROM silver_ltc_first_coded
  WHERE first_coded <= run_night
  GROUP BY person_key, condition
),
conditions AS (
  SELECT explode(array('hypertension', 'type-2-diabetes', 'asthma', 'copd', 'ckd-stage-3-5', 'heart-failure',
                       'atrial-fibrillation', 'dementia', 'severe-mental-illness', 'depression')) AS condition
),
population AS (
  SELECT month, borough_code, deprivation_quintile, count(*) AS d FROM registered GROUP BY 1, 2, 3
),
cases AS (
  SELECT r.month, r.borough_code, r.deprivation_quintile, c.condition, count(*) AS n
  FROM registered r
  JOIN coded c ON c.person_key = r.person_key AND c.first_coded <= r.month_end
  GROUP BY 1, 2, 3, 4
)
SELECT
  p.month                    AS month,                  -- DATE: first day of the month; counted on its last day (the night, this month)
  p.borough_code             AS borough_code,           -- STRING: ONS code of the borough of the registered practice
  k.condition                AS condition,              -- STRING: hypertension, type-2-diabetes, asthma, copd, ckd-stage-3-5, heart-failure, atrial-fibrillation, dementia, severe-mental-illness or depression
  p.deprivation_quintile     AS deprivation_quintile,   -- STRING: IMD quintile of the LSOA of residence, 1 (most deprived) to 5, or unknown
  coalesce(c.n, 0)           AS people_with_condition,  -- registered people with the condition coded in their GP record on or before the day
  p.d                        AS registered_population   -- people registered with a GP practice on the day
FROM population p
CROSS JOIN conditions k
LEFT JOIN cases c
  ON c.month = p.month AND c.borough_code <=> p.borough_code AND c.deprivation_quintile = p.deprivation_quintile
 AND c.condition = k.condition
