-- table: ops.audit
-- purpose: An append-only record of every access to patient-level data through CareLake's own
--   commands (who, in what role, for what purpose, what, when, outcome, rows returned). Holds no
--   identifier values: targets are files, row numbers, table names and internal ids.
-- inputs: written by commands that read the restricted zone (trace, and the serving interfaces to come)
-- grain: one row per access
-- keys: audit_id
CREATE TABLE IF NOT EXISTS ${table} (
  audit_id          STRING    NOT NULL COMMENT 'random UUID',
  at                TIMESTAMP NOT NULL,
  actor             STRING    NOT NULL COMMENT 'operating-system user or signed-in user',
  role              STRING    NOT NULL COMMENT 'data-engineer, researcher, commissioner or ig-auditor',
  project           STRING    COMMENT 'research project, when the role is researcher',
  purpose           STRING    NOT NULL,
  action            STRING    NOT NULL COMMENT 'the command or endpoint, e.g. trace',
  target            STRING    NOT NULL COMMENT 'what was asked for: file and row, table, or internal person id prefix',
  outcome           STRING    NOT NULL COMMENT 'ALLOWED, REFUSED or FAILED',
  rows_returned     BIGINT    NOT NULL,
  identifiers_shown BOOLEAN   NOT NULL
) USING DELTA
