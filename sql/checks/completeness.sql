-- check: completeness
-- category: completeness
-- purpose: Completeness of every column the feed's contract declares, required or optional: the
--   share of loaded rows with a value. Required columns are 1 by construction (a blank quarantines
--   the row); optional ones show what sources leave out.
-- reads: column_fill
-- measure: completeness.<column>
SELECT borough, feed, concat('completeness.', column_name) AS measure, filled / NULLIF(rows, 0) AS value
FROM column_fill
