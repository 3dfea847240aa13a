-- table: restricted.duplicate_event
-- purpose: Activity rows collapsed as the same event: a source re-sending an event under a new
--   record id, or two systems recording one event (a GP record transferred between practices).
--   Same person, setting (silver table), date and code; the row with the smallest key is kept.
-- inputs: written by the silver stage
-- grain: one row per collapsed (dropped) silver row
-- keys: silver_table, dropped_key
CREATE TABLE IF NOT EXISTS ${table} (
  silver_table  STRING NOT NULL,
  kept_key      STRING NOT NULL COMMENT 'business key of the row kept in silver',
  dropped_key   STRING NOT NULL COMMENT 'business key of the row collapsed into it',
  night         DATE   NOT NULL,
  run_id        STRING NOT NULL
) USING DELTA
