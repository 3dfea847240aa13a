-- table: restricted.link_event
-- purpose: Merges (two persons found to be one) and splits (one person found to be two), as events
--   with the night, the persons involved and why. Append-only.
-- inputs: written by the link stage
-- grain: one row per event
-- keys: event_id
CREATE TABLE IF NOT EXISTS ${table} (
  event_id          STRING  NOT NULL COMMENT 'SHA-256 of night, kind and persons: a re-run writes the same id',
  night             DATE    NOT NULL,
  kind              STRING  NOT NULL COMMENT 'MERGE or SPLIT',
  person_id         STRING  NOT NULL COMMENT 'the surviving person (merge) or the new person (split)',
  other_person_id   STRING  NOT NULL COMMENT 'the absorbed person (merge) or the person split from (split)',
  identity_id       STRING  COMMENT 'for a split, the record moved out',
  reason            STRING  NOT NULL COMMENT 'bridging record with its score, or the clerical decision',
  run_id            STRING  NOT NULL
) USING DELTA
