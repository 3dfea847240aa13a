#!/usr/bin/env python3
"""Error analysis of CareLake's linkage for "the rest" (pairs with at least one record without a
valid, agreeing NHS number): every missed true pair and every false link, classified by the
generator's error kinds (ground truth) and by the link path.

Needs the analysis columns the Java benchmark command writes beside the scored ones:
identity_id, identity_error, defect, nhs_usable, link_method, link_probability,
review_candidates, block_keys (hashed). Prints counts only: no identifier value.

    python linkage_errors.py --records records.csv [--top 12] [--out errors.json]

Definitions (all pairwise, as the benchmark's figures):

- a record's *NHS state*: own (valid and truly the person's), missing, invalid (fails Modulus 11
  or is a placeholder), transposed (usable: the mistyped number still passes Modulus 11, or not),
  borrowed (someone else's valid number; "borrowed/twin" when the twin's);
- a pair's *kind*: the two records' states and identifier errors, e.g.
  ``borrowed | own`` or ``missing+name_typo | own``;
- a missed pair's *path*: ``review`` (one waits in clerical review against the other's person),
  ``not blocked`` (no blocking key in common), else the two link methods
  (``founder/founder`` = two persons founded by two different numbers, ...);
- a false pair's *relation*: twins (same family name, date of birth and postcode, different given
  name), namesakes (same given and family name and date of birth), borrowed number (one carries
  the other's number), else other.
- *lookalike*: the two records agree on every field both carry except the NHS number, and both
  carry usable, different numbers, one of them someone else's whose holder never appears: such a
  pair is what one person with two numbers looks like, and two different numbers never merge;
- *ambiguous*: no number evidence (missing, unusable and more than one digit off, or someone
  else's), the same names and date of birth, sex not different, other postcodes and addresses:
  one person who moved, or two namesakes; nothing in the two records tells which. The oracle
  lines say what a linker right on every other pair reaches if it links that class whole or
  leaves it whole (see docs/linkage.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

import duckdb

ANALYSIS_COLUMNS = ["identity_id", "identity_error", "defect", "nhs_usable", "link_method",
                    "link_probability", "review_candidates", "block_keys"]
FIELDS = ["nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address"]
SHORT = {"nhs_number": "nhs", "given_name": "giv", "family_name": "fam", "date_of_birth": "dob",
         "sex": "sex", "postcode": "pc", "address": "adr"}


def has_analysis_columns(path: Path) -> bool:
    with path.open("r", encoding="utf-8-sig") as fh:
        header = [h.strip() for h in fh.readline().rstrip("\n").split(",")]
    return all(c in header for c in ANALYSIS_COLUMNS)


def std(column: str) -> str:
    """Standardised text of a column for equality (upper case, letters, digits and single spaces)."""
    return (f"nullif(trim(regexp_replace(regexp_replace(upper(strip_accents(coalesce({column}, ''))),"
            f" '[^A-Z0-9 ]', '', 'g'), ' +', ' ', 'g')), '')")


def load(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(f"""
        CREATE OR REPLACE TABLE d AS
        SELECT record_id, true_person,
               coalesce(nullif(trim(carelake_person), ''), 'unassigned:' || record_id) AS cl,
               nhs_group, {", ".join(f"{std(f)} AS {f}" for f in FIELDS if f != "sex")},
               CASE WHEN {std("sex")} IN ('M', 'MALE', '1') THEN 'M' WHEN {std("sex")} IN ('F', 'FEMALE', '2') THEN 'F'
                    WHEN {std("sex")} IN ('I', '9') THEN 'I' END AS sex,
               identity_id, nullif(identity_error, '') AS identity_error, nullif(defect, '') AS defect,
               nhs_usable = 'true' AS nhs_usable, coalesce(nullif(link_method, ''), 'unlinked') AS method,
               try_cast(link_probability AS DOUBLE) AS probability,
               string_split(coalesce(review_candidates, ''), ' ') AS review,
               string_split(coalesce(block_keys, ''), ' ') AS keys
        FROM read_csv('{str(path).replace("'", "''")}', header = true, all_varchar = true, quote = '"',
                      escape = '"')
    """)
    # The number's holder: the true person whose own (nhs-group) records carry it.
    con.execute("""
        CREATE OR REPLACE TABLE holder AS
        SELECT nhs_number, min(true_person) AS holder FROM d WHERE nhs_group = 'nhs' GROUP BY nhs_number
    """)
    con.execute(f"""
        CREATE OR REPLACE TABLE r AS
        SELECT d.*,
          CASE WHEN nhs_group = 'nhs' THEN 'own'
               WHEN identity_error = 'nhs_number_of_another_person' THEN
                 CASE WHEN h.holder IS NULL THEN 'borrowed(holder unseen)' ELSE 'borrowed' END
               WHEN identity_error = 'nhs_number_transposed' THEN
                 CASE WHEN nhs_usable THEN 'transposed(valid)' ELSE 'transposed(invalid)' END
               WHEN d.nhs_number IS NULL THEN 'missing'
               ELSE 'invalid' END AS nhs_state,
          CASE WHEN identity_error IS NULL OR identity_error LIKE 'nhs_number%' THEN NULL
               ELSE identity_error END AS demo_error
        FROM d LEFT JOIN holder h USING (nhs_number)
    """)
    con.execute("""
        CREATE OR REPLACE TABLE r2 AS
        SELECT *, nhs_state || coalesce('+' || demo_error, '') AS kind FROM r
    """)
    # A person's reference identity: the commonest values among its records without errors.
    con.execute("""
        CREATE OR REPLACE TABLE ref AS
        SELECT true_person,
               mode(given_name) AS given_name, mode(family_name) AS family_name,
               mode(date_of_birth) AS date_of_birth, mode(postcode) AS postcode
        FROM r2 WHERE identity_error IS NULL
        GROUP BY true_person
    """)


def pair_pattern(a: str = "a", b: str = "b") -> str:
    parts = []
    for f in FIELDS:
        parts.append(f"'{SHORT[f]}' || CASE WHEN {a}.{f} IS NULL OR {b}.{f} IS NULL THEN '.' "
                     f"WHEN {a}.{f} = {b}.{f} THEN '=' ELSE '~' END")
    return " || ' ' || ".join(parts)


def build_pairs(con: duckdb.DuckDBPyConnection) -> None:
    # Missed true pairs in the rest: one person's two records under different keys.
    con.execute(f"""
        CREATE OR REPLACE TABLE missed AS
        SELECT a.record_id AS a_id, b.record_id AS b_id, a.true_person,
               least(a.kind, b.kind) || ' | ' || greatest(a.kind, b.kind) AS kind,
               CASE
                 WHEN list_contains(a.review, b.cl) OR list_contains(b.review, a.cl) THEN 'review'
                 WHEN NOT list_has_any(a.keys, b.keys) THEN 'not blocked'
                 ELSE 'blocked, not linked: ' || least(a.method, b.method) || '/' || greatest(a.method, b.method)
               END AS path,
               {pair_pattern()} AS fields,
               a.nhs_usable AND b.nhs_usable AND a.nhs_number <> b.nhs_number
                 AND (a.given_name IS NULL OR b.given_name IS NULL OR a.given_name = b.given_name)
                 AND (a.family_name IS NULL OR b.family_name IS NULL OR a.family_name = b.family_name)
                 AND (a.date_of_birth IS NULL OR b.date_of_birth IS NULL OR a.date_of_birth = b.date_of_birth)
                 AND (a.postcode IS NULL OR b.postcode IS NULL OR a.postcode = b.postcode)
                 AND (a.address IS NULL OR b.address IS NULL OR a.address = b.address)
                 AND (a.nhs_state = 'borrowed(holder unseen)' OR b.nhs_state = 'borrowed(holder unseen)') AS lookalike
        FROM r2 a JOIN r2 b ON a.true_person = b.true_person AND a.record_id < b.record_id
        WHERE NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs') AND a.cl <> b.cl
    """)
    # False pairs in the rest: two people's records under one key.
    con.execute(f"""
        CREATE OR REPLACE TABLE wrong AS
        SELECT a.record_id AS a_id, b.record_id AS b_id, a.cl,
               least(a.kind, b.kind) || ' | ' || greatest(a.kind, b.kind) AS kind,
               CASE
                 WHEN (a.nhs_state LIKE 'borrowed%' AND a.nhs_number = b.nhs_number)
                   OR (b.nhs_state LIKE 'borrowed%' AND a.nhs_number = b.nhs_number) THEN 'borrowed number'
                 WHEN ra.family_name = rb.family_name AND ra.date_of_birth = rb.date_of_birth
                   AND ra.postcode = rb.postcode AND ra.given_name <> rb.given_name THEN 'twins'
                 WHEN ra.given_name = rb.given_name AND ra.family_name = rb.family_name
                   AND ra.date_of_birth = rb.date_of_birth THEN 'namesakes'
                 WHEN ra.family_name = rb.family_name AND ra.postcode = rb.postcode THEN 'same surname and postcode'
                 ELSE 'other'
               END AS relation,
               least(a.method, b.method) || '/' || greatest(a.method, b.method) AS path,
               {pair_pattern()} AS fields
        FROM r2 a JOIN r2 b ON a.cl = b.cl AND a.record_id < b.record_id AND a.true_person <> b.true_person
        LEFT JOIN ref ra0 ON ra0.true_person = a.true_person
        LEFT JOIN ref rb0 ON rb0.true_person = b.true_person
        CROSS JOIN LATERAL (SELECT coalesce(ra0.given_name, a.given_name) AS given_name,
            coalesce(ra0.family_name, a.family_name) AS family_name,
            coalesce(ra0.date_of_birth, a.date_of_birth) AS date_of_birth,
            coalesce(ra0.postcode, a.postcode) AS postcode) ra
        CROSS JOIN LATERAL (SELECT coalesce(rb0.given_name, b.given_name) AS given_name,
            coalesce(rb0.family_name, b.family_name) AS family_name,
            coalesce(rb0.date_of_birth, b.date_of_birth) AS date_of_birth,
            coalesce(rb0.postcode, b.postcode) AS postcode) rb
        WHERE NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs')
    """)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def analyse(con: duckdb.DuckDBPyConnection, path: Path, top: int = 12) -> dict:
    load(con, path)
    build_pairs(con)
    true_rest, pred_rest, tp_rest = rows(con, """
        WITH pairs_true AS (
          SELECT count(*) FILTER (WHERE NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs')) AS n,
                 count(*) FILTER (WHERE NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs') AND a.cl = b.cl) AS tp
          FROM r2 a JOIN r2 b ON a.true_person = b.true_person AND a.record_id < b.record_id),
        pairs_pred AS (
          SELECT count(*) FILTER (WHERE NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs')) AS n
          FROM r2 a JOIN r2 b ON a.cl = b.cl AND a.record_id < b.record_id)
        SELECT pairs_true.n, pairs_pred.n, pairs_true.tp FROM pairs_true, pairs_pred
    """)[0]
    out: dict = {"rest": {"true_pairs": true_rest, "predicted_pairs": pred_rest, "true_positive": tp_rest}}
    out["missed_by_kind"] = rows(con, f"""
        SELECT kind, count(*) AS pairs, count(DISTINCT true_person) AS persons FROM missed
        GROUP BY kind ORDER BY pairs DESC, kind LIMIT {top}""")
    out["missed_by_path"] = rows(con, """
        SELECT path, count(*) AS pairs, count(DISTINCT true_person) AS persons FROM missed
        GROUP BY path ORDER BY pairs DESC, path""")
    out["missed_by_kind_path"] = rows(con, f"""
        SELECT kind, path, count(*) AS pairs FROM missed GROUP BY kind, path ORDER BY pairs DESC LIMIT {top}""")
    out["missed_fields"] = rows(con, f"""
        SELECT fields, count(*) AS pairs FROM missed GROUP BY fields ORDER BY pairs DESC LIMIT {top}""")
    out["wrong_by_relation"] = rows(con, """
        SELECT relation, count(*) AS pairs, count(DISTINCT cl) AS keys FROM wrong
        GROUP BY relation ORDER BY pairs DESC""")
    out["wrong_by_kind"] = rows(con, f"""
        SELECT kind, count(*) AS pairs, count(DISTINCT cl) AS keys FROM wrong
        GROUP BY kind ORDER BY pairs DESC LIMIT {top}""")
    out["wrong_by_path"] = rows(con, f"""
        SELECT path, count(*) AS pairs, count(DISTINCT cl) AS keys FROM wrong
        GROUP BY path ORDER BY pairs DESC LIMIT {top}""")
    out["wrong_fields"] = rows(con, f"""
        SELECT fields, count(*) AS pairs FROM wrong GROUP BY fields ORDER BY pairs DESC LIMIT {top}""")
    lookalike_missed = rows(con, "SELECT count(*) FROM missed WHERE lookalike")[0][0]
    out["lookalike_missed_pairs"] = lookalike_missed
    missed = true_rest - tp_rest
    wrong = pred_rest - tp_rest
    # The ambiguous class: no number evidence (a number missing, unusable and far off, or someone
    # else's), names and date of birth the same, sex not different, postcodes and addresses
    # different. One person who moved, or two namesakes: nothing in the records tells them apart.
    ambiguous = f"""
        a.given_name = b.given_name AND a.family_name = b.family_name AND a.date_of_birth = b.date_of_birth
        AND (a.sex IS NULL OR b.sex IS NULL OR a.sex = b.sex)
        AND a.postcode <> b.postcode AND (a.address IS NULL OR b.address IS NULL OR a.address <> b.address)
        AND NOT (a.nhs_group = 'nhs' AND b.nhs_group = 'nhs')
        AND NOT (a.nhs_number IS NOT NULL AND b.nhs_number IS NOT NULL
                 AND damerau_levenshtein(a.nhs_number, b.nhs_number) <= 1
                 AND a.nhs_state NOT LIKE 'borrowed%' AND b.nhs_state NOT LIKE 'borrowed%')"""
    # A record is anchored when another record of its person lives at the same postcode or
    # address or carries a number one digit from its own: through that record it can reach its
    # person whatever the rest look like. The class only counts pairs whose non-anchored records
    # have no such record (per pair, this is what no linker can decide from the data).
    con.execute("""
        CREATE OR REPLACE TABLE anchored AS
        SELECT DISTINCT x.record_id FROM r2 x JOIN r2 y ON x.true_person = y.true_person AND x.record_id <> y.record_id
        WHERE x.postcode = y.postcode OR x.address = y.address
           OR (x.nhs_state NOT LIKE 'borrowed%' AND x.nhs_number IS NOT NULL AND y.nhs_number IS NOT NULL
               AND damerau_levenshtein(x.nhs_number, y.nhs_number) <= 1)
    """)
    ambiguous += """
        AND (a.nhs_group = 'nhs' OR a.record_id NOT IN (SELECT record_id FROM anchored))
        AND (b.nhs_group = 'nhs' OR b.record_id NOT IN (SELECT record_id FROM anchored))"""
    amb_true, amb_true_linked = rows(con, f"""
        SELECT count(*), count(*) FILTER (WHERE a.cl = b.cl)
        FROM r2 a JOIN r2 b ON a.true_person = b.true_person AND a.record_id < b.record_id WHERE {ambiguous}""")[0]
    amb_false, amb_false_linked = rows(con, f"""
        SELECT count(*), count(*) FILTER (WHERE a.cl = b.cl)
        FROM r2 a JOIN r2 b ON a.given_name = b.given_name AND a.family_name = b.family_name
          AND a.date_of_birth = b.date_of_birth AND a.record_id < b.record_id AND a.true_person <> b.true_person
        WHERE {ambiguous}""")[0]
    out["ambiguous"] = {"true_pairs": amb_true, "true_pairs_linked": amb_true_linked,
                        "false_pairs": amb_false, "false_pairs_linked": amb_false_linked}
    out["oracle"] = {
        "description": "right on every pair but the ambiguous class, which it links (first) or leaves (second) whole",
        "link": {"precision": true_rest / (true_rest + amb_false) if true_rest else None, "recall": 1.0},
        "leave": {"precision": 1.0, "recall": (true_rest - amb_true) / true_rest if true_rest else None},
    }
    out["missed_pairs"] = missed
    out["wrong_pairs"] = wrong
    return out


def render(result: dict) -> str:
    lines = []
    rest = result["rest"]
    lines.append(f"Error analysis, the rest: {rest['true_pairs']:,} true pairs, {rest['predicted_pairs']:,} predicted,"
                 f" {result['missed_pairs']:,} missed, {result['wrong_pairs']:,} false")

    def table(title: str, header: Sequence[str], data: list[tuple]) -> None:
        lines.append(f"  {title}")
        if not data:
            lines.append("    (none)")
            return
        widths = [max(len(str(h)), *(len(f"{row[i]:,}" if isinstance(row[i], int) else str(row[i])) for row in data))
                  for i, h in enumerate(header)]
        lines.append("    " + "  ".join(f"{h:<{w}}" for h, w in zip(header, widths)))
        for row in data:
            cells = [f"{v:,}" if isinstance(v, int) else str(v) for v in row]
            lines.append("    " + "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths)))

    table("missed true pairs by kind (record states; own = valid agreeing number)", ["kind", "pairs", "persons"],
          result["missed_by_kind"])
    table("missed true pairs by path", ["path", "pairs", "persons"], result["missed_by_path"])
    table("missed true pairs by kind and path", ["kind", "path", "pairs"], result["missed_by_kind_path"])
    table("missed true pairs by field agreement (= same, ~ different, . missing)", ["fields", "pairs"],
          result["missed_fields"])
    table("false pairs by relation of the two people", ["relation", "pairs", "keys"], result["wrong_by_relation"])
    table("false pairs by kind", ["kind", "pairs", "keys"], result["wrong_by_kind"])
    table("false pairs by path (link methods)", ["path", "pairs", "keys"], result["wrong_by_path"])
    table("false pairs by field agreement", ["fields", "pairs"], result["wrong_fields"])
    lines.append(f"  lookalike missed pairs (different usable numbers, one someone else's never seen with its holder,"
                 f" all else agreeing):"
                 f" {result['lookalike_missed_pairs']:,}")
    amb = result["ambiguous"]
    oracle = result["oracle"]

    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:.4f}"
    lines.append(f"  ambiguous (no number evidence; same names and birth date; other postcode and address):"
                 f" {amb['true_pairs']:,} true pairs ({amb['true_pairs_linked']:,} linked),"
                 f" {amb['false_pairs']:,} namesake pairs ({amb['false_pairs_linked']:,} linked)")
    lines.append(f"  oracle right on all else: linking the ambiguous class P/R {fmt(oracle['link']['precision'])}/"
                 f"{fmt(oracle['link']['recall'])}; leaving it {fmt(oracle['leave']['precision'])}/"
                 f"{fmt(oracle['leave']['recall'])}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", required=True, type=Path)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    if not args.records.is_file() or not has_analysis_columns(args.records):
        print("error: records file missing or without the analysis columns", file=sys.stderr)
        return 2
    con = duckdb.connect()
    result = analyse(con, args.records, args.top)
    print(render(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
