-- table: silver.ltc_first_coded
-- purpose: The long-term condition register behind gold.ltc_prevalence: per person, condition and
--   month, the first day in the month the GP record codes the condition. Kept by month: the gold
--   stage runs this over the months of silver.gp_event whose files changed since it last ran (all
--   of them the first time, or after this file or a codelist changes) and replaces only those
--   months of the register. The statement must therefore give, for a month, rows computed from
--   that month's events alone (group by activity_month).
-- inputs: silver.gp_event
-- codelists: hypertension-snomed@1, type-2-diabetes-snomed@1, asthma-snomed@1, copd-snomed@1,
--   ckd-stage-3-5-snomed@1, heart-failure-snomed@1, atrial-fibrillation-snomed@1, dementia-snomed@1,
--   severe-mental-illness-snomed@1, depression-snomed@1
-- grain: one row per person, condition and month with the condition coded
-- keys: person_key, condition, activity_month
-- register: activity_month
SELECT e.person_key, l.condition, e.activity_month, min(e.event_date) AS first_coded
FROM silver_gp_event e
JOIN (
  SELECT code, 'hypertension' AS condition FROM codelist_hypertension_snomed_v1
  UNION ALL SELECT code, 'type-2-diabetes' FROM codelist_type_2_diabetes_snomed_v1
  UNION ALL SELECT code, 'asthma' FROM codelist_asthma_snomed_v1
  UNION ALL SELECT code, 'copd' FROM codelist_copd_snomed_v1
  UNION ALL SELECT code, 'ckd-stage-3-5' FROM codelist_ckd_stage_3_5_snomed_v1
  UNION ALL SELECT code, 'heart-failure' FROM codelist_heart_failure_snomed_v1
  UNION ALL SELECT code, 'atrial-fibrillation' FROM codelist_atrial_fibrillation_snomed_v1
  UNION ALL SELECT code, 'dementia' FROM codelist_dementia_snomed_v1
  UNION ALL SELECT code, 'severe-mental-illness' FROM codelist_severe_mental_illness_snomed_v1
  UNION ALL SELECT code, 'depression' FROM codelist_depression_snomed_v1
) l ON l.code = e.code
WHERE e.event_date IS NOT NULL
GROUP BY e.person_key, l.condition, e.activity_month
