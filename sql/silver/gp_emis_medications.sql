-- feed: gp_emis_medications
-- target: silver.medication
-- purpose: EMIS-like prescription issues onto the conformed medication table, keyed by pseudonyms.
-- inputs: source (this night's loaded rows of the feed)
-- grain: one row per prescription issue
SELECT
  record_key('gp_emis_medications', s._borough, s.medication_id) AS medication_key,
  s._person_key                                                  AS person_key,
  s.issue_date                                                   AS issue_date,
  'dm+d'                                                         AS code_system,
  s.dmd_code                                                     AS code,
  s.quantity                                                     AS quantity,
  s.quantity_unit                                                AS quantity_unit,
  CASE s.issue_type WHEN 'Repeat' THEN 'repeat' WHEN 'Acute' THEN 'acute' END AS issue_type,
  s.practice_code                                                AS practice_code,
  s._borough                                                     AS borough_code,
  'EMIS'                                                         AS gp_system
FROM source s
