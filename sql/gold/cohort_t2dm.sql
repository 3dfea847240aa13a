-- table: gold.cohort_t2dm
-- per-project: yes (built as gold.cohort_t2dm__<project> for each active project listing the
--   dataset cohort_t2dm in governance/access-policy.yaml)
-- purpose: Research cohort: people on a type 2 diabetes register (any GP event coded from the
--   type 2 diabetes codelist on or before the night), with the index date (first such event).
--   Each person appears under the research project's own pseudonym (derived under the project's
--   own key), so two projects' tables cannot be joined; demographics are generalised (year of
--   birth, ethnic group, IMD decile).
-- inputs: silver.person, silver.gp_event
-- codelists: snomed/diabetes-type2@1
-- variables: run_night (the night, DATE), project_id (the research project, STRING)
-- grain: one row per person in the cohort
-- keys: patient_id
-- disclosure: record-level (one row per person under the project's own pseudonym, served only to
--   that project; it holds no counts)
SELECT
  project_pseudonym(project_id, e.person_key) AS patient_id,   -- STRING: the person under the project's own pseudonym
  min(e.event_date)                         AS index_date,     -- DATE: first type 2 diabetes event on or before the night
  max(p.birth_year)                       AS birth_year,       -- INT: year of birth
  max(p.sex)                              AS sex,              -- STRING: M, F, I (indeterminate) or U (unknown)
  max(p.ethnic_group)                     AS ethnic_group,     -- STRING: White, Mixed, Asian, Black, Other or Not stated
  max(p.imd_decile)                       AS imd_decile,       -- INT: Index of Multiple Deprivation decile of the LSOA of residence (1 = most deprived)
  max(p.borough_code)                     AS borough_code      -- STRING: ONS code of the borough of the registered practice
FROM silver_gp_event e
JOIN codelist_diabetes_type2_v1 c ON c.code = e.code
LEFT JOIN silver_person p ON p.person_key = e.person_key
WHERE e.event_date <= run_night
GROUP BY e.person_key
