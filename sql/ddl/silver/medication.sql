-- table: silver.medication
-- purpose: Medicines issued in GP practice systems (acute and repeat issues), coded in dm+d.
-- inputs: silver mappings of the GP medication feeds (sql/silver/gp_*_medications.sql)
-- layout: partitioned by activity_month, generated from issue_date: a night rewrites only the files of the
--   months its rows fall in, and a query filtering issue_date reads only those months
-- grain: one row per prescription issue
-- keys: medication_key
-- same-event: person_key, issue_date, code, quantity
CREATE TABLE IF NOT EXISTS ${table} (
  medication_key STRING NOT NULL COMMENT 'pseudonymous key of the source issue',
  person_key     STRING NOT NULL COMMENT 'pseudonymous key of the linked person (HMAC-SHA-256; joins to silver.person)',
  issue_date     DATE COMMENT 'date the medicine was issued',
  code_system    STRING COMMENT 'dm+d',
  code           STRING COMMENT 'dm+d product id (VMP or AMP)',
  quantity       DOUBLE COMMENT 'quantity issued',
  quantity_unit  STRING COMMENT 'tablet, capsule, dose, ...',
  issue_type     STRING COMMENT 'acute or repeat',
  practice_code  STRING COMMENT 'ODS code of the GP practice that recorded it',
  borough_code   STRING COMMENT 'borough whose extract carried the issue',
  gp_system      STRING COMMENT 'GP supplier format the record came from (EMIS or TPP)',
  activity_month DATE GENERATED ALWAYS AS (trunc(issue_date, 'MM')) COMMENT 'first day of the month of issue_date: the partition'
) USING DELTA
PARTITIONED BY (activity_month)
