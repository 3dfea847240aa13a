"""Tests of the linkage benchmark tool (run by hand: ./run.sh pytest)."""

from __future__ import annotations

import csv
import itertools
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import linkage_benchmark as lb  # noqa: E402
from make_fixture import COLUMNS, make_fixture, nhs_is_valid  # noqa: E402


def brute_force(rows):
    """Pair counts by enumerating pairs: the definition the counting formulas must match."""
    counts = {g: [0, 0, 0] for g in ("nhs", "rest", "overall")}  # true, predicted, tp
    for (id_a, t_a, p_a, g_a), (id_b, t_b, p_b, g_b) in itertools.combinations(rows, 2):
        same_true = t_a == t_b
        same_pred = p_a is not None and p_a == p_b
        group = "nhs" if g_a == "nhs" and g_b == "nhs" else "rest"
        for g in (group, "overall"):
            counts[g][0] += same_true
            counts[g][1] += same_pred
            counts[g][2] += same_true and same_pred
    return counts


def assert_counts(acc, group, true_pairs, predicted_pairs, tp):
    c = acc.groups[group]
    assert (c.true_pairs, c.predicted_pairs, c.true_positive) == (true_pairs, predicted_pairs, tp)


# --- metric functions on tiny hand-built cases ---------------------------------------------

def test_perfect_assignment():
    rows = [("r1", 1, "A", "nhs"), ("r2", 1, "A", "nhs"), ("r3", 2, "B", "nhs"),
            ("r4", 2, "B", "other"), ("r5", 3, "C", "nhs")]
    acc = lb.accuracy_of_rows(rows)
    o = acc.groups["overall"]
    assert (o.precision, o.recall, o.f1) == (1.0, 1.0, 1.0)
    assert acc.true_persons_split == 0 and acc.keys_shared == 0
    assert (acc.records, acc.true_persons, acc.predicted_clusters) == (5, 3, 3)


def test_one_wrong_merge():
    # persons 1 and 2 (two records each) put under one key: 6 predicted pairs, 2 true.
    rows = [("a", 1, "K", "nhs"), ("b", 1, "K", "nhs"), ("c", 2, "K", "nhs"),
            ("d", 2, "K", "nhs")]
    acc = lb.accuracy_of_rows(rows)
    assert_counts(acc, "overall", 2, 6, 2)
    o = acc.groups["overall"]
    assert o.precision == pytest.approx(1 / 3)
    assert o.recall == 1.0
    assert o.f1 == pytest.approx(0.5)
    assert acc.keys_shared == 1 and acc.true_persons_split == 0


def test_one_split():
    # person 1 has three records; one of them landed under another key.
    rows = [("a", 1, "K1", "nhs"), ("b", 1, "K1", "nhs"), ("c", 1, "K2", "nhs"),
            ("d", 2, "K3", "nhs")]
    acc = lb.accuracy_of_rows(rows)
    assert_counts(acc, "overall", 3, 1, 1)
    o = acc.groups["overall"]
    assert o.precision == 1.0
    assert o.recall == pytest.approx(1 / 3)
    assert acc.true_persons_split == 1 and acc.keys_shared == 0


def test_blank_assignment_is_a_singleton_each():
    rows = [("a", 1, None, "nhs"), ("b", 1, None, "nhs"), ("c", 1, "K", "nhs")]
    acc = lb.accuracy_of_rows(rows)
    assert_counts(acc, "overall", 3, 0, 0)
    o = acc.groups["overall"]
    assert o.precision is None and o.recall == 0.0 and o.f1 is None
    assert acc.predicted_clusters == 3 and acc.true_persons_split == 1


def test_nhs_and_rest_split():
    # Person 1: records a, b (valid agreeing NHS) and c (other); person 2: d (nhs).
    # Everything under one key.
    rows = [("a", 1, "K", "nhs"), ("b", 1, "K", "nhs"), ("c", 1, "K", "other"),
            ("d", 2, "K", "nhs")]
    acc = lb.accuracy_of_rows(rows)
    # nhs records a, b, d: true pairs {ab}, predicted {ab, ad, bd}
    assert_counts(acc, "nhs", 1, 3, 1)
    # the rest: every pair involving c: true {ac, bc}, predicted {ac, bc, cd}
    assert_counts(acc, "rest", 2, 3, 2)
    assert_counts(acc, "overall", 3, 6, 3)
    assert acc.groups["nhs"].precision == pytest.approx(1 / 3)
    assert acc.groups["rest"].precision == pytest.approx(2 / 3)
    assert acc.groups["rest"].recall == 1.0


def test_counting_matches_pair_enumeration():
    rng = random.Random(3)
    for _ in range(20):
        rows = []
        for i in range(rng.randint(1, 40)):
            pred = rng.choice([None, "A", "B", "C", "D", "E"])
            rows.append((f"r{i}", rng.randint(1, 8), pred, rng.choice(["nhs", "other"])))
        acc = lb.accuracy_of_rows(rows)
        expected = brute_force(rows)
        for g in ("nhs", "rest", "overall"):
            assert_counts(acc, g, *expected[g])


# --- fixture --------------------------------------------------------------------------------

def test_fixture_is_synthetic_and_well_formed(tmp_path):
    path = tmp_path / "records.csv"
    summary = make_fixture(path, people=300, seed=11)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == COLUMNS
    assert len(rows) == summary["records"] and summary["people"] == 300
    assert len({r["record_id"] for r in rows}) == len(rows)
    for r in rows:
        digits = "".join(ch for ch in r["nhs_number"] if ch.isdigit())
        if digits:
            assert digits.startswith("999")  # never-issued test range only
        if r["nhs_group"] == "nhs":
            assert nhs_is_valid(r["nhs_number"])
    assert {r["nhs_group"] for r in rows} == {"nhs", "other"}


# --- CLI --------------------------------------------------------------------------------------

def identifier_values(path: Path) -> set[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        values = set()
        for r in csv.DictReader(fh):
            for c in ("given_name", "family_name", "postcode", "address", "nhs_number"):
                if len(r[c]) >= 6:
                    values.add(r[c])
    return values


def test_cli_carelake_only(tmp_path, capsys):
    records = tmp_path / "records.csv"
    make_fixture(records, people=500, seed=5)
    out = tmp_path / "results.json"
    assert lb.main(["--records", str(records), "--out", str(out), "--skip-splink"]) == 0
    printed = capsys.readouterr()
    assert "valid agreeing NHS number" in printed.out and "CareLake" in printed.out
    assert "Splink" not in printed.out
    result = json.loads(out.read_text())
    cl = result["carelake"]
    # The fixture's CareLake column is the truth with deliberate errors.
    assert 0.9 < cl["groups"]["overall"]["precision"] < 1.0
    assert 0.9 < cl["groups"]["overall"]["recall"] < 1.0
    assert cl["true_persons_split"] > 0 and cl["keys_shared_by_2plus_true_persons"] > 0
    assert cl["true_persons"] == 500
    for g in ("nhs", "rest"):
        assert cl["groups"][g]["true_pairs"] > 0
    assert (cl["groups"]["nhs"]["true_pairs"] + cl["groups"]["rest"]["true_pairs"]
            == cl["groups"]["overall"]["true_pairs"])
    shown = printed.out + printed.err + out.read_text()
    assert not [v for v in identifier_values(records) if v in shown]


def test_cli_missing_columns_exits_nonzero(tmp_path):
    bad = tmp_path / "records.csv"
    bad.write_text("record_id,true_person,carelake_person,nhs_group,given_name\n"
                   "r1,1,K,nhs,Secretname\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(HERE / "linkage_benchmark.py"),
                           "--records", str(bad), "--skip-splink"],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "missing column(s)" in lines[0]
    for col in ("nhs_number", "family_name", "date_of_birth", "sex", "postcode", "address"):
        assert col in lines[0]
    assert "Secretname" not in proc.stderr + proc.stdout


def test_cli_rejects_duplicate_record_ids(tmp_path, capsys):
    records = tmp_path / "records.csv"
    with records.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerow(["r1", "1", "K", "nhs", "9990000018", "A", "B", "2000-01-01", "M", "", ""])
        w.writerow(["r1", "1", "K", "nhs", "9990000018", "A", "B", "2000-01-01", "M", "", ""])
    assert lb.main(["--records", str(records), "--skip-splink"]) == 2
    assert "not unique" in capsys.readouterr().err


def test_cli_missing_file(tmp_path, capsys):
    assert lb.main(["--records", str(tmp_path / "nope.csv"), "--skip-splink"]) == 2
    assert "not found" in capsys.readouterr().err


# --- Splink end to end ---------------------------------------------------------------------------

def test_splink_on_2000_people(tmp_path, capsys):
    records = tmp_path / "records.csv"
    make_fixture(records, people=2000, seed=7)
    out = tmp_path / "results.json"
    start = time.perf_counter()
    assert lb.main(["--records", str(records), "--out", str(out)]) == 0
    # About 15 s on an idle 2-core machine; the bound only catches a runaway setup.
    assert time.perf_counter() - start < 90
    printed = capsys.readouterr()
    assert "Splink 5.0.0 (p>=0.99)" in printed.out and "(p>=0.95)" in printed.out
    result = json.loads(out.read_text())
    splink = result["splink"]
    at99 = splink["thresholds"]["0.99"]["groups"]["overall"]
    assert at99["precision"] > 0.9 and at99["recall"] > 0.9
    at95 = splink["thresholds"]["0.95"]["groups"]["overall"]
    assert at95["recall"] >= at99["recall"]
    assert set(splink["seconds"]) >= {"training", "predict", "cluster", "total"}
    assert splink["peak_rss_mb"] > 0
    shown = printed.out + printed.err + out.read_text()
    assert not [v for v in identifier_values(records) if v in shown]


def test_fixture_refuses_more_people_than_the_test_range_holds(tmp_path):
    with pytest.raises(ValueError):
        make_fixture(tmp_path / "x.csv", people=1_000_000)
