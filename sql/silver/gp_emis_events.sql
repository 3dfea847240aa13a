-- feed: gp_emis_events
-- target: silver.gp_event
-- purpose: EMIS-like coded events onto the conformed GP event table, keyed by pseudonyms.
-- inputs: source (this night's loaded rows of the feed)
-- grain: one row per coded event
SELECT
  record_key('gp_emis_events', s._borough, s.event_id) AS event_key,
  s._person_key                                        AS person_key,
  s.event_date                                         AS event_date,
  'SNOMED CT'                                          AS code_system,
  s.snomed_code                                        AS code,
  s.value                                              AS value,
  s.units                                              AS units,
  s.practice_code                                      AS practice_code,
  s._borough                                           AS borough_code,
  'EMIS'                                               AS gp_system
FROM source s
