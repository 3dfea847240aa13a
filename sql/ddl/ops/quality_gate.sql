-- table: ops.quality_gate
-- purpose: Every quality-gate evaluation of a night for each borough's feed: PASSED, or FAILED
--   and held back from publication for the night (silver skips that borough's rows of the feed
--   while the rest publishes). Gates: max-quarantine-share, min-volume-ratio, min-linkage-rate,
--   max-linkage-drop; a gate without its measure or enough earlier nights writes no row.
-- inputs: ops.data_quality (the night's measures and their previous averages)
-- grain: one row per night, borough, feed and gate
-- keys: night, borough, feed, gate
CREATE TABLE IF NOT EXISTS ${table} (
  night      DATE    NOT NULL,
  borough    STRING  NOT NULL COMMENT 'ONS code of the borough',
  feed       STRING  NOT NULL COMMENT 'data contract id',
  gate       STRING  NOT NULL COMMENT 'max-quarantine-share, min-volume-ratio, min-linkage-rate or max-linkage-drop',
  status     STRING  NOT NULL COMMENT 'PASSED or FAILED',
  measured   DOUBLE  NOT NULL COMMENT 'the value the gate compared: a share, a ratio or a drop',
  threshold  DOUBLE  NOT NULL COMMENT 'the gate setting (gates.*) it was compared with',
  reason     STRING  NOT NULL COMMENT 'the comparison in words; numbers only, never a patient value',
  run_id     STRING  NOT NULL
) USING DELTA
