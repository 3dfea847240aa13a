-- table: ops.pseudonym_key
-- purpose: Which pseudonymisation key the lake's pseudonyms are made with, as a log of events:
--   each key's id, version and check value (a keyed hash of a fixed label; never the key), when a
--   run first used it, and each step of a rotation to a new key. The newest 'current' event names
--   the lake's key; a run whose key has another check value stops before writing anything.
-- inputs: written by the nightly runner (first use) and carelake rekey (rotation)
-- grain: one row per event
-- keys: at, event
CREATE TABLE IF NOT EXISTS ${table} (
  key_id       STRING    NOT NULL COMMENT 'the key''s id, from its key file or environment variable',
  key_version  INT       NOT NULL,
  check_value  STRING    NOT NULL COMMENT 'HMAC of a fixed label under the key (12 hex); tells keys apart without revealing them',
  event        STRING    NOT NULL COMMENT 'current (the lake''s key from now on), rotation started, table rekeyed',
  detail       STRING    COMMENT 'the table, for table rekeyed; the key rotated from, for current after a rotation',
  run_id       STRING    NOT NULL,
  at           TIMESTAMP NOT NULL
) USING DELTA
