-- table: restricted.link_change
-- purpose: Identity records whose person changed on a night (newly linked, moved by a merge or a
--   split, or linked after waiting): silver re-derives these records' rows from earlier nights so
--   silver and gold follow the change the same night.
-- inputs: written by the link stage
-- grain: one row per night and identity record
-- keys: night, identity_id
CREATE TABLE IF NOT EXISTS ${table} (
  night             DATE    NOT NULL,
  identity_id       STRING  NOT NULL,
  old_person_id     STRING  COMMENT 'null when the record had no person before',
  new_person_id     STRING  NOT NULL,
  reason            STRING  NOT NULL COMMENT 'new, linked, merge, split or clerical',
  run_id            STRING  NOT NULL
) USING DELTA
