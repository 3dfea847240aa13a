-- table: restricted.pending_linkage
-- purpose: Loaded rows that could not be given a person yet (no usable NHS number, no known local
--   patient id and no demographics to match on). They wait here, not in silver; when a later
--   night links their identity record, silver picks them up from the raw table and they leave.
--   Rows of feeds whose contract says carelake.before-birth: hold also wait here when their care
--   date is before their linked person's known birth date (reason says so); they are looked at
--   again when their record's person changes or gains a record (a corrected date of birth).
-- inputs: written by the silver stage
-- grain: one row per raw row waiting
-- keys: feed, source_sha256, source_row
CREATE TABLE IF NOT EXISTS ${table} (
  night         DATE   NOT NULL COMMENT 'the night the row was loaded',
  feed          STRING NOT NULL,
  borough       STRING NOT NULL,
  source_sha256 STRING NOT NULL,
  source_row    BIGINT NOT NULL,
  identity_id   STRING COMMENT 'the row''s identity record in restricted.identity',
  reason        STRING NOT NULL
) USING DELTA
