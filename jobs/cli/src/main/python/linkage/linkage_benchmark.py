#!/usr/bin/env python3
"""Linkage-accuracy benchmark: CareLake's person assignment beside Splink 5 (DuckDB).

Reads the records.csv exported by CareLake's Java benchmark command, computes pairwise
precision / recall / F1 of CareLake's `carelake_person` against `true_person`, runs Splink
on the same records (identifier columns only) and prints both side by side. Writes the same
numbers as JSON with --out. No identifier value is ever printed or written.

    python linkage_benchmark.py --records records.csv [--out results.json]
                                [--skip-splink] [--threshold 0.99]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import duckdb

import linkage_errors

REQUIRED_COLUMNS = [
    "record_id", "true_person", "carelake_person", "nhs_group", "nhs_number", "given_name",
    "family_name", "date_of_birth", "sex", "postcode", "address",
]
# The only columns Splink is allowed to see (with record_id).
IDENTIFIER_COLUMNS = [
    "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address",
]
EXTRA_THRESHOLD = 0.95
# UK postcode parts, as splink.comparison_library.PostcodeComparison extracts them (they need
# the space before the inward code, so standardised postcodes keep it).
SECTOR_REGEX = "^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]"
DISTRICT_REGEX = "^[A-Z]{1,2}[0-9][A-Z0-9]?"
GROUPS = [("nhs", "valid agreeing NHS number"), ("rest", "the rest"), ("overall", "overall")]

log = logging.getLogger("linkage_benchmark")


class InputError(Exception):
    """The input cannot be benchmarked; the message is one line and names no identifier."""


# --------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------

def read_header(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(f"records file not found: {path}")
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        try:
            header = next(csv.reader(fh))
        except StopIteration:
            raise InputError(f"records file is empty: {path}") from None
    return [h.strip() for h in header]


def check_columns(path: Path) -> None:
    header = read_header(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path.name} is missing column(s): {', '.join(missing)}")


def one_row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    """First row of a query, reading the result to the end.

    DuckDB 2 refuses other work on a connection (including Splink's) while an execute()
    result is only partly fetched, so never leave one behind with fetchone().
    """
    rows = con.execute(sql).fetchall()
    return rows[0]


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def load_records(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Load the CSV into table `records` (all text, blanks as NULL); return the row count."""
    check_columns(path)
    con.execute(f"""
        CREATE OR REPLACE TABLE records AS
        SELECT {", ".join(f'nullif(trim("{c}"), {sql_str("")}) AS "{c}"' for c in REQUIRED_COLUMNS)}
        FROM read_csv({sql_str(str(path))}, header = true, all_varchar = true, delim = ',',
                      quote = '"', escape = '"', auto_detect = false,
                      columns = {{{", ".join(f"{sql_str(c)}: 'VARCHAR'" for c in read_header(path))}}})
    """)
    n, blank_ids, distinct_ids, blank_truth = one_row(con, """
        SELECT count(*), count(*) FILTER (WHERE record_id IS NULL), count(DISTINCT record_id),
               count(*) FILTER (WHERE true_person IS NULL)
        FROM records
    """)
    if n == 0:
        raise InputError(f"{path.name} has no records")
    if blank_ids:
        raise InputError(f"{path.name}: {blank_ids} record(s) have a blank record_id")
    if distinct_ids != n:
        raise InputError(f"{path.name}: record_id is not unique ({n - distinct_ids} repeats)")
    if blank_truth:
        raise InputError(f"{path.name}: {blank_truth} record(s) have a blank true_person")
    bad_group = one_row(
        con, "SELECT count(*) FROM records WHERE nhs_group IS NULL OR nhs_group NOT IN ('nhs', 'other')"
    )[0]
    if bad_group:
        raise InputError(f"{path.name}: {bad_group} record(s) have nhs_group other than nhs/other")
    return n


# --------------------------------------------------------------------------------------
# Pairwise metrics (counting over cluster intersections, never enumerating pairs)
# --------------------------------------------------------------------------------------

@dataclass
class PairCounts:
    true_pairs: int
    predicted_pairs: int
    true_positive: int

    @property
    def precision(self) -> float | None:
        return self.true_positive / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        return self.true_positive / self.true_pairs if self.true_pairs else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "true_pairs": self.true_pairs, "predicted_pairs": self.predicted_pairs,
                "true_positive_pairs": self.true_positive}


@dataclass
class Accuracy:
    groups: dict[str, PairCounts]
    records: int
    true_persons: int
    predicted_clusters: int
    true_persons_split: int
    keys_shared: int
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "groups": {g: self.groups[g].as_dict() for g, _ in GROUPS},
            "records": self.records,
            "true_persons": self.true_persons,
            "predicted_clusters": self.predicted_clusters,
            "true_persons_split": self.true_persons_split,
            "keys_shared_by_2plus_true_persons": self.keys_shared,
            **self.extra,
        }


def pairwise_accuracy(con: duckdb.DuckDBPyConnection, relation: str) -> Accuracy:
    """Accuracy of an assignment.

    `relation` is a table/view name or a parenthesised query with one row per record and
    columns true_person, predicted (NULL = unassigned: a singleton of its own), record_id
    and nhs_group ('nhs' or 'other').

    With n_ij records of true person i in predicted cluster j:
    TP = sum C(n_ij, 2), true pairs = sum_i C(n_i., 2), predicted = sum_j C(n_.j, 2).
    The 'nhs' group counts only pairs whose two records are both 'nhs' (the same sums over
    the nhs records alone); 'rest' is overall minus nhs.
    """
    row = one_row(con, f"""
        WITH a AS (
            SELECT true_person AS t,
                   coalesce(predicted, '\u0000unassigned:' || record_id) AS p,
                   (nhs_group = 'nhs') AS is_nhs
            FROM {relation}
        ),
        cells AS (
            SELECT t, p, count(*)::BIGINT AS n, count(*) FILTER (WHERE is_nhs)::BIGINT AS n_nhs
            FROM a GROUP BY t, p
        ),
        by_t AS (SELECT t, sum(n) AS n, sum(n_nhs) AS n_nhs, count(*) AS k FROM cells GROUP BY t),
        by_p AS (SELECT p, sum(n) AS n, sum(n_nhs) AS n_nhs, count(*) AS k FROM cells GROUP BY p)
        SELECT
            (SELECT sum(n * (n - 1) // 2) FROM cells),
            (SELECT sum(n_nhs * (n_nhs - 1) // 2) FROM cells),
            (SELECT sum(n * (n - 1) // 2) FROM by_t),
            (SELECT sum(n_nhs * (n_nhs - 1) // 2) FROM by_t),
            (SELECT sum(n * (n - 1) // 2) FROM by_p),
            (SELECT sum(n_nhs * (n_nhs - 1) // 2) FROM by_p),
            (SELECT sum(n) FROM cells),
            (SELECT count(*) FROM by_t),
            (SELECT count(*) FROM by_p),
            (SELECT count(*) FILTER (WHERE k > 1) FROM by_t),
            (SELECT count(*) FILTER (WHERE k > 1) FROM by_p)
    """)
    tp, tp_nhs, tru, tru_nhs, pred, pred_nhs, n, n_t, n_p, split, shared = (
        int(v or 0) for v in row)
    groups = {
        "nhs": PairCounts(tru_nhs, pred_nhs, tp_nhs),
        "rest": PairCounts(tru - tru_nhs, pred - pred_nhs, tp - tp_nhs),
        "overall": PairCounts(tru, pred, tp),
    }
    return Accuracy(groups, n, n_t, n_p, split, shared)


def accuracy_of_rows(rows: Iterable[Sequence]) -> Accuracy:
    """Convenience for tests: rows of (record_id, true_person, predicted, nhs_group)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (record_id VARCHAR, true_person VARCHAR, predicted VARCHAR,"
                " nhs_group VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)",
                    [tuple(None if v is None else str(v) for v in r) for r in rows])
    return pairwise_accuracy(con, "t")


# --------------------------------------------------------------------------------------
# Splink
# --------------------------------------------------------------------------------------

def _standardise_sql(source: str) -> str:
    """Standardisation a Splink user would do; reads only record_id + identifier columns."""
    def name(col: str) -> str:
        # strip accents, upper-case, hyphens to spaces, drop other punctuation, squeeze spaces
        return (f"nullif(trim(regexp_replace(regexp_replace(regexp_replace("
                f"upper(strip_accents({col})), '[-_/]', ' ', 'g'), '[^A-Z ]', '', 'g'),"
                f" '\\s+', ' ', 'g')), '')")

    return f"""
        SELECT
            record_id,
            CASE WHEN length(regexp_replace(nhs_number, '[^0-9]', '', 'g')) = 10
                 THEN regexp_replace(nhs_number, '[^0-9]', '', 'g') END AS nhs_number,
            {name("given_name")} AS forename,
            {name("family_name")} AS surname,
            nullif(try_cast(date_of_birth AS DATE), DATE '1900-01-01') AS dob,
            CASE WHEN upper(sex) IN ('M', 'F', 'I') THEN upper(sex) END AS sex,
            CASE WHEN length(regexp_replace(upper(postcode), '[^A-Z0-9]', '', 'g')) BETWEEN 5 AND 7
                 THEN regexp_replace(regexp_replace(upper(postcode), '[^A-Z0-9]', '', 'g'),
                                     '^(.*)(...)$', '\\1 \\2')
            END AS postcode,
            nullif(trim(regexp_replace(regexp_replace(upper(strip_accents(address)),
                   '[^A-Z0-9 ]', ' ', 'g'), '\\s+', ' ', 'g')), '') AS address
        FROM (SELECT record_id, {", ".join(IDENTIFIER_COLUMNS)} FROM {source})
    """


def _double_metaphone_table(con: duckdb.DuckDBPyConnection, names_sql: str, table: str) -> None:
    """Double Metaphone codes for each distinct name (computed once per distinct value)."""
    import pyarrow as pa
    from doublemetaphone import doublemetaphone

    names = [r[0] for r in con.execute(names_sql).fetchall()]
    codes = []
    for n in names:
        primary, secondary = doublemetaphone(n)
        codes.append(sorted({c for c in (primary, secondary) if c}) or None)
    arrow = pa.table({"name": pa.array(names, pa.string()),
                      "dm": pa.array(codes, pa.list_(pa.string()))})
    con.register("__dm_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM __dm_arrow")
    con.unregister("__dm_arrow")


def splink_settings():
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import ColumnExpression, SettingsCreator, block_on

    dob = cl.CustomComparison(
        output_column_name="dob",
        comparison_description="date of birth",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            cll.CustomLevel(
                "year(dob_l) = year(dob_r) AND month(dob_l) = day(dob_r)"
                " AND day(dob_l) = month(dob_r)",
                label_for_charts="day and month swapped"),
            cll.DamerauLevenshteinLevel("dob_str", 1).configure(
                label_for_charts="one character edit or transposition"),
            cll.AbsoluteDateDifferenceLevel("dob", input_is_string=False, threshold=1,
                                            metric="year"),
            cll.ElseLevel(),
        ],
    )
    # Postcode and address go in as ONE comparison. As two comparisons they are far from
    # conditionally independent: people sharing a household agree on both, the model adds
    # both weights, and spouses/siblings get merged (on the 50k-person fixture precision
    # fell from ~0.987 to ~0.947). The levels are still the usual ones: exact postcode,
    # address Jaro-Winkler, postcode sector, postcode district.
    postcode = ColumnExpression("postcode")
    postcode_address = cl.CustomComparison(
        output_column_name="postcode_address",
        comparison_description="postcode and address",
        comparison_levels=[
            cll.And(cll.NullLevel("postcode"), cll.NullLevel("address")),
            cll.And(cll.ExactMatchLevel("postcode"),
                    cll.JaroWinklerLevel("address", 0.9)).configure(
                label_for_charts="same postcode, address JW >= 0.9"),
            cll.ExactMatchLevel("postcode").configure(label_for_charts="same postcode"),
            cll.JaroWinklerLevel("address", 0.9).configure(
                label_for_charts="address JW >= 0.9, postcode differs"),
            cll.ExactMatchLevel(postcode.regex_extract(SECTOR_REGEX)).configure(
                label_for_charts="same postcode sector"),
            cll.ExactMatchLevel(postcode.regex_extract(DISTRICT_REGEX)).configure(
                label_for_charts="same postcode district"),
            cll.JaroWinklerLevel("address", 0.7).configure(
                label_for_charts="address JW >= 0.7"),
            cll.ElseLevel(),
        ],
    )
    comparisons = [
        cl.DamerauLevenshteinAtThresholds("nhs_number", 1),
        cl.NameComparison("forename", dmeta_col_name="forename_dm").configure(
            term_frequency_adjustments=True),
        cl.NameComparison("surname", dmeta_col_name="surname_dm").configure(
            term_frequency_adjustments=True),
        dob,
        cl.ExactMatch("sex"),
        postcode_address,
    ]
    blocking = [
        block_on("dob"),
        block_on("surname", "year(dob)"),
        block_on("postcode", "substr(forename, 1, 1)"),
        block_on("forename", "surname"),
        block_on("nhs_number"),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def training_rules():
    """(deterministic rules, their assumed recall, EM blocking rules)."""
    from splink import block_on

    deterministic = [block_on("nhs_number", "dob"),
                     block_on("forename", "surname", "dob", "postcode")]
    # EM blocked on rules that seldom pair twins or relatives sharing a household (who
    # would otherwise be learnt as matches that disagree on forename and NHS number).
    em = [block_on("nhs_number"), block_on("forename", "surname"), block_on("forename", "dob")]
    return deterministic, 0.8, em


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_splink(con: duckdb.DuckDBPyConnection, thresholds: Sequence[float],
               em_max_pairs: float | None = None, u_max_pairs: float = 5e6,
               verbose: bool = False) -> dict:
    """Run Splink on the `records` table; create `splink_assign_<i>` (record_id, predicted)
    for each threshold. Returns timings and model facts (no identifier values)."""
    import splink
    from splink import DuckDBAPI, Linker

    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    # 1. standardise (identifier columns only) and collapse exact duplicates: Splink links
    #    distinct identifier rows; every record then takes its row's cluster.
    con.execute(f"CREATE OR REPLACE TABLE __std AS {_standardise_sql('records')}")
    _double_metaphone_table(
        con, "SELECT forename FROM __std WHERE forename IS NOT NULL "
             "UNION SELECT surname FROM __std WHERE surname IS NOT NULL", "__dm")
    key = "nhs_number, forename, surname, dob, sex, postcode, address"
    con.execute(f"""
        CREATE OR REPLACE TABLE __record_row AS
        SELECT record_id, min(record_id) OVER (PARTITION BY {key}) AS unique_id FROM __std
    """)
    con.execute(f"""
        CREATE OR REPLACE TABLE splink_input AS
        SELECT s.record_id AS unique_id, s.nhs_number, s.forename, s.surname,
               f.dm AS forename_dm, g.dm AS surname_dm,
               s.dob, strftime(s.dob, '%Y-%m-%d') AS dob_str, s.sex, s.postcode, s.address
        FROM __std s
        LEFT JOIN __dm f ON f.name = s.forename
        LEFT JOIN __dm g ON g.name = s.surname
        WHERE s.record_id IN (SELECT DISTINCT unique_id FROM __record_row)
    """)
    con.execute("DROP TABLE __std")
    input_rows = one_row(con, "SELECT count(*) FROM splink_input")[0]
    timings["prepare"] = time.perf_counter() - t0

    db_api = DuckDBAPI(connection=con)
    sdf = db_api.register("splink_input", dataset_display_name="carelake_records")
    linker = Linker(sdf, splink_settings(),
                    log_level=logging.INFO if verbose else logging.WARNING)

    # 2. training
    t = time.perf_counter()
    deterministic_rules, recall, em_rules = training_rules()
    linker.training.estimate_probability_two_random_records_match(
        deterministic_rules, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=42)
    for rule in em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=em_max_pairs)
    timings["training"] = time.perf_counter() - t

    # 3. predict (keeping only edges that can matter at the lowest threshold)
    t = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
    edges = one_row(con, f"SELECT count(*) FROM {predictions.physical_name}")[0]
    timings["predict"] = time.perf_counter() - t

    # 4. cluster at each threshold and map every record to its row's cluster
    t = time.perf_counter()
    for i, threshold in enumerate(thresholds):
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold)
        con.execute(f"""
            CREATE OR REPLACE TABLE splink_assign_{i} AS
            SELECT r.record_id, c.cluster_id::VARCHAR AS predicted
            FROM __record_row r JOIN {clusters.physical_name} c ON c.unique_id = r.unique_id
        """)
        clusters.drop_table_from_database_and_remove_from_cache()
    timings["cluster"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0

    settings = linker._settings_obj  # read-only look at the trained model's prior
    return {
        "version": splink.__version__,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rows_linked_after_collapsing_exact_duplicates": input_rows,
        "edges_scored_at_or_above": {"threshold": min(thresholds), "count": edges},
        "probability_two_random_records_match":
            settings._probability_two_random_records_match,
        "em_blocking_rules": [r.get_blocking_rule("duckdb").blocking_rule_sql
                              for r in em_rules],
        "prediction_blocking_rules": [
            br.blocking_rule_sql for br in settings._blocking_rules_to_generate_predictions],
    }


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------

def fmt(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.4f}"


def render_table(columns: list[tuple[str, Accuracy | None, str]]) -> str:
    """columns: (heading, accuracy or None, time/RSS text)."""
    label_w, col_w = 36, 26
    lines = [f"{'linkage accuracy (pairwise)':<{label_w}}"
             + "".join(f"{h:<{col_w}}" for h, _, _ in columns).rstrip()]
    for key, label in GROUPS:
        cells = []
        for _, acc, _ in columns:
            if acc is None:
                cells.append("-")
            else:
                g = acc.groups[key]
                cells.append(f"{fmt(g.precision)}/{fmt(g.recall)}/{fmt(g.f1)}")
        lines.append(f"{label:<28}{'P/R/F1':<8}" + "".join(f"{c:<{col_w}}" for c in cells).rstrip())
    for label, attr in [("true persons split", "true_persons_split"),
                        ("keys shared by 2+ persons", "keys_shared")]:
        cells = ["-" if acc is None else str(getattr(acc, attr)) for _, acc, _ in columns]
        lines.append(f"{label:<{label_w}}" + "".join(f"{c:<{col_w}}" for c in cells).rstrip())
    lines.append(f"{'time (s) / peak RSS (MB)':<{label_w}}"
                 + "".join(f"{t:<{col_w}}" for _, _, t in columns).rstrip())
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Pairwise linkage accuracy of CareLake's assignment, with Splink beside it.")
    ap.add_argument("--records", required=True, type=Path, help="records.csv from the Java side")
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--skip-splink", action="store_true", help="only score CareLake")
    ap.add_argument("--skip-errors", action="store_true",
                    help="leave out the error analysis of CareLake's links (linkage_errors.py)")
    ap.add_argument("--threshold", type=float, default=0.99,
                    help="Splink match-probability threshold for clustering (default 0.99); "
                         f"{EXTRA_THRESHOLD} is reported as well")
    ap.add_argument("--carelake-seconds", type=float,
                    help="CareLake's linkage time, if the caller measured it")
    ap.add_argument("--carelake-peak-rss-mb", type=float,
                    help="CareLake's peak RSS, if the caller measured it")
    ap.add_argument("--em-max-pairs", type=float, default=None,
                    help="cap on blocked pairs per EM session (default: no cap)")
    ap.add_argument("--u-max-pairs", type=float, default=5e6,
                    help="pairs sampled by estimate_u_using_random_sampling (default 5e6)")
    ap.add_argument("--verbose", action="store_true", help="show Splink's progress log on stderr")
    args = ap.parse_args(argv)
    if not 0 < args.threshold < 1:
        ap.error("--threshold must be between 0 and 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(message)s", stream=sys.stderr)
    con = duckdb.connect()
    try:
        n = load_records(con, args.records)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except duckdb.Error as e:
        # DuckDB's message can quote a line of the file: name the problem only.
        print(f"error: could not read {args.records.name} as CSV ({type(e).__name__})",
              file=sys.stderr)
        return 2

    carelake = pairwise_accuracy(
        con, "(SELECT record_id, true_person, carelake_person AS predicted, nhs_group"
             " FROM records)")
    result: dict = {"records_file": args.records.name, "records": n,
                    "true_persons": carelake.true_persons,
                    "nhs_group_records": one_row(
                        con, "SELECT count(*) FROM records WHERE nhs_group = 'nhs'")[0],
                    "carelake": carelake.as_dict()}
    if args.carelake_seconds is not None or args.carelake_peak_rss_mb is not None:
        result["carelake"]["seconds"] = args.carelake_seconds
        result["carelake"]["peak_rss_mb"] = args.carelake_peak_rss_mb
    cl_time = "(from Java)"
    if args.carelake_seconds is not None:
        rss = "?" if args.carelake_peak_rss_mb is None else f"{args.carelake_peak_rss_mb:.0f}"
        cl_time = f"{args.carelake_seconds:.1f} / {rss}"
    columns: list[tuple[str, Accuracy | None, str]] = [("CareLake", carelake, cl_time)]

    if not args.skip_splink:
        thresholds = sorted({args.threshold, EXTRA_THRESHOLD}, reverse=True)
        thresholds.remove(args.threshold)
        thresholds.insert(0, args.threshold)  # the requested threshold first
        info = run_splink(con, thresholds, em_max_pairs=args.em_max_pairs,
                          u_max_pairs=args.u_max_pairs, verbose=args.verbose)
        result["splink"] = info
        result["splink"]["thresholds"] = {}
        for i, threshold in enumerate(thresholds):
            acc = pairwise_accuracy(
                con, f"(SELECT r.record_id, r.true_person, a.predicted, r.nhs_group"
                     f" FROM records r LEFT JOIN splink_assign_{i} a USING (record_id))")
            result["splink"]["thresholds"][f"{threshold:g}"] = acc.as_dict()
            timing = (f"{info['seconds']['total']:.1f} / {info['peak_rss_mb']:.0f}"
                      if i == 0 else "(same run)")
            columns.append((f"Splink {info['version']} (p>={threshold:g})", acc, timing))

    print(render_table(columns))
    if "splink" in result:
        sec = result["splink"]["seconds"]
        print("Splink phases (s): " + ", ".join(
            f"{k} {sec[k]:.1f}" for k in ("prepare", "training", "predict", "cluster")))
    if not args.skip_errors and linkage_errors.has_analysis_columns(args.records):
        # CareLake's errors in the rest by error kind and link path (columns from the Java side).
        errors = linkage_errors.analyse(duckdb.connect(), args.records)
        print()
        print(linkage_errors.render(errors))
        result["carelake"]["errors"] = errors
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
