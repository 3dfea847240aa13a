-- table: ops.audit
-- purpose: An append-only record of every access through CareLake's serving interfaces, allowed
--   or refused (who, in what role and project, for what purpose, what, when, outcome, rows
--   returned), and of every disclosure threshold override. Holds no identifier values: targets are
--   files, row numbers, table names and internal ids. Delta refuses any UPDATE, DELETE, MERGE or
--   overwrite of it (delta.appendOnly); the access policy lets only the IG auditor role read it.
-- inputs: written by GovernedAccess (trace, review, the serving interfaces to come) and the gold stage
-- grain: one row per access
-- keys: audit_id
CREATE TABLE IF NOT EXISTS ${table} (
  audit_id          STRING    NOT NULL COMMENT 'random UUID',
  at                TIMESTAMP NOT NULL,
  actor             STRING    NOT NULL COMMENT 'operating-system user or signed-in user',
  role              STRING    NOT NULL COMMENT 'a role of governance/access-policy.yaml: data-engineer, researcher, commissioner or ig-auditor',
  project           STRING    COMMENT 'research project, when the role is researcher',
  purpose           STRING    NOT NULL,
  action            STRING    NOT NULL COMMENT 'the command or endpoint, e.g. trace',
  target            STRING    NOT NULL COMMENT 'what was asked for: file and row, table, or internal person id prefix',
  outcome           STRING    NOT NULL COMMENT 'ALLOWED, REFUSED (by the access policy; nothing read) or FAILED',
  rows_returned     BIGINT    NOT NULL,
  identifiers_shown BOOLEAN   NOT NULL
) USING DELTA
TBLPROPERTIES ('delta.appendOnly' = 'true')
