"""The DAG's flow on a real Airflow with real spark-submit, but a stand-in CareLake jar.

The stand-in (tests/stub_cli) has CareLake's main class and only records the arguments it was
called with, so this test runs in about a minute and pins what the DAG does around the jar:
a late borough is skipped and flagged while the rest go on; with region granularity and a borough
missing, ingest falls back to one task per ready borough (never a region-wide call that would load
the late borough); every call gets the night and the common options; and a failed stage is recorded
with `record-failure` and stops the stages after it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import BOROUGHS, write_key

NIGHT = "2026-11-21"  # a Saturday: the run early on Sunday 22 November is the maintenance night
RUN_LOGICAL_DATE = "2026-11-22T02:00:00+00:00"
LATE = "E08000010"


@pytest.fixture(scope="module")
def stub_jar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = tmp_path_factory.mktemp("stub-cli")
    source = Path(__file__).parent / "stub_cli" / "org" / "carelake" / "cli" / "CareLakeCli.java"
    subprocess.run(["javac", "--release", "17", "-d", str(build / "classes"), str(source)], check=True)
    jar = build / "stub-carelake-app.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(build / "classes"), "."], check=True)
    return jar


def contracts(root: Path) -> Path:
    for feed in ("feed_b", "feed_a"):
        source = root / "src"
        source.mkdir(parents=True, exist_ok=True)
        (source / f"{feed}.v1.yaml").write_text(f"apiVersion: v3.0.2\nkind: DataContract\nid: {feed}\n")
    examples = root / "src" / "examples" / "feed_a"
    examples.mkdir(parents=True)
    (examples / "not_a_contract.yaml").write_text("id: must_be_ignored\n")
    return root


def landing(root: Path, ready: list[str]) -> Path:
    for borough in ready:
        folder = root / NIGHT / borough
        folder.mkdir(parents=True)
        (folder / "extract.csv").write_text("synthetic\n")
        (folder / "_READY").write_text("")
    return root


def calls(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text().splitlines()] if path.exists() else []


def test_late_borough_skipped_rest_ingested_failed_stage_recorded(airflow_run, stub_jar, tmp_path):
    ready = [b for b in BOROUGHS if b != LATE]
    key = write_key(tmp_path / "secrets")
    calls_file = tmp_path / "calls.tsv"
    run = airflow_run(
        {
            "carelake_jar": str(stub_jar),
            "carelake_landing": str(landing(tmp_path / "landing", ready)),
            "carelake_lake": str(tmp_path / "lake"),
            "carelake_key_file": str(key),
            "carelake_contracts": str(contracts(tmp_path / "contracts")),
            "carelake_sql": str(tmp_path / "sql"),
            "carelake_spark_conf": '{"spark.ui.enabled": "false"}',
            "carelake_ingest_granularity": "region",
            "carelake_retries": "0",
            "carelake_extract_deadline_minutes": "0.1",
        },
        extra_env={"STUB_CALLS": str(calls_file), "STUB_FAIL_STAGE": "gold"},
    )

    run.dags_test(RUN_LOGICAL_DATE)

    why = run.explain()
    assert run.state_of("resolve_night") == "success", why
    for borough in ready:
        assert run.state_of(f"wait_for_extracts.{borough}") == "success", why
    assert run.state_of(f"wait_for_extracts.{LATE}") == "skipped", why
    assert run.state_of("plan_ingest") == "success", why
    assert run.mapped_states("ingest") == ["success"] * len(ready), why
    assert run.state_of("link") == "success", why
    assert run.state_of("quality") == "success", why
    assert run.state_of("silver") == "success", why
    assert run.state_of("gold") == "failed", why
    assert run.state_of("check") == "upstream_failed", why
    assert run.state_of("maintain") in ("upstream_failed", None), why

    made = calls(calls_file)
    common = [
        "--lake", str(tmp_path / "lake"), "--landing", str(tmp_path / "landing"),
        "--contracts", str(tmp_path / "contracts"), "--sql", str(tmp_path / "sql"), "--key-file", str(key),
    ]  # fmt: skip
    for call in made:
        assert call[-len(common) :] == common, call
    ingests = [c for c in made if c[:1] == ["nightly"] and "ingest" in c]
    assert all("--borough" in c and "--feed" not in c for c in ingests), ingests
    assert sorted(c[c.index("--borough") + 1] for c in ingests) == ready
    for call in ingests:
        assert call[:3] == ["nightly", "--date", NIGHT] and "--rejected-files-ok" in call, call
    stages = [c[c.index("--stage") + 1] for c in made if c[:1] == ["nightly"] and "ingest" not in c]
    assert stages == ["link", "quality", "silver", "gold"], stages

    failures = [c for c in made if c[:1] == ["record-failure"]]
    recorded = {c[c.index("--task") + 1]: c for c in failures}
    assert set(recorded) == {"gold", f"wait_for_extracts.{LATE}"}, failures
    assert recorded["gold"][1:3] == ["--date", NIGHT]
    assert recorded["gold"][recorded["gold"].index("--try") + 1] == "1"
    assert recorded["gold"][recorded["gold"].index("--reason") + 1].startswith("spark-submit exit code 1")
    assert "late-extracts" in recorded[f"wait_for_extracts.{LATE}"][
        recorded[f"wait_for_extracts.{LATE}"].index("--reason") + 1
    ]
