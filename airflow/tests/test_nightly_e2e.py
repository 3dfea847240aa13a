"""End to end: one whole night through the DAG with the real CareLake jar and real spark-submit.

`carelake generate --initial` lands a small synthetic first night (150 people, all ten boroughs);
`airflow dags test` runs the DAG for the run that processes it, in local mode, through every stage
(weekly maintenance switched off by conf, for time; the flow and integrity tests pin its wiring).
Then: both gold tables are published, the ingest ledger reconciles (for every loaded or rejected
file, rows read = rows loaded + rows quarantined, and the raw and quarantine tables hold those
rows), and CareLake's run table has the night's runs of every stage. Then the same night runs
through spark-submit on a local cluster (separate executor JVMs, as on a real cluster), is killed
at a random moment and re-run, and must leave the same restricted, silver and gold tables (issue 10:
nothing depends on one JVM or the driver's disk, and a crash loses or doubles nothing).

The local-cluster night runs in the background while the DAG's night runs: each spark-submit of a
small night keeps about one of the machine's two cores busy (the driver plans, starts and commits
more than the executors compute), so side by side the two take little more than the longer one.

To stay inside CI's budget ingest runs as one task for the region (Variable
carelake_ingest_granularity = region): every spark-submit pays Spark's start-up, so the night is
seven spark-submits (ingest, link, quality, silver, gold, check and nothing else). The per-borough fallback is
pinned by test_dag_flow. Skipped when the application jar has not been built, unless
CARELAKE_REQUIRE_E2E is set (as `mvn verify` does).
"""

from __future__ import annotations

import logging
import os
import random
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import APP_JAR, BOROUGHS, spark_submit, write_key
from crash_harness import ZONES, delta_session, differences, night_command, run_killed, run_to_end

NIGHT = "2026-11-21"  # Saturday; its run, early on Sunday 22 November, would include weekly maintenance
RUN_LOGICAL_DATE = "2026-11-22T02:00:00+00:00"
PERSONS = "150"
DAGS_TEST_TIMEOUT = 1200  # seconds; about five to nine minutes on 2 cores, longer on a loaded or slower machine
GOLD_TABLES = ["cohort_t2dm__demo", "monthly_activity"]  # the demo project's copy of the cohort
STAGES = ["ingest", "link", "quality", "silver", "gold", "check"]
# Tiny data on a small machine: Spark's C2 JIT compiler only competes with the work for the two
# cores, and whole-stage code generation costs more than it saves for a few hundred rows. C1 alone
# gets a 48 MB code cache by default, which a whole stage's generated classes can fill ("Out of space
# in CodeCache"), so the cache is given the tiered default's 240 MB back.
JAVA_OPTS = (
    "-Duser.timezone=UTC -Dfile.encoding=UTF-8 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m"
    " -XX:+UseSerialGC"
)
SPARK_CONF = (
    '{"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",'
    ' "spark.sql.codegen.wholeStage": "false"}'
)

pytestmark = pytest.mark.skipif(
    not APP_JAR.exists() and not os.environ.get("CARELAKE_REQUIRE_E2E"),
    reason=f"{APP_JAR} not built (mvn -DskipTests package builds it)",
)


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A generated landing zone for NIGHT, and a key outside it."""
    assert APP_JAR.exists(), f"{APP_JAR} is missing: build it with mvn -DskipTests package"
    root = tmp_path_factory.mktemp("night")
    generated = spark_submit(
        APP_JAR, "generate", "--date", NIGHT, "--persons", PERSONS, "--seed", "20261121",
        "--out", str(root / "generated"), "--initial",
    )  # fmt: skip
    assert generated.returncode == 0, generated.stdout[-3000:] + generated.stderr[-3000:]
    landing = root / "generated" / "landing"
    for borough in BOROUGHS:
        assert (landing / NIGHT / borough / "_READY").exists(), f"generate did not mark {borough} ready"
    return {"root": root, "landing": landing, "key": write_key(root / "secrets")}


CLUSTER_MASTER = "local-cluster[2,1,2048]"  # two executors, one core and 2 GB each, in JVMs of their own


@pytest.fixture(scope="module")
def cluster_night(night):
    """The same night through spark-submit on a local cluster, killed at a random moment and run
    again to its end, started in the background: its future gives (killed at, was killed, exit
    code, seconds, log tail)."""
    cluster = night["root"] / "lake-cluster"
    command = night_command(NIGHT, night["landing"], cluster, night["key"], CLUSTER_MASTER, JAVA_OPTS)
    after = random.Random().uniform(10, 60)

    def crash_and_rerun() -> tuple[float, bool, int, float, str]:
        killed = run_killed(command, after)
        return (after, killed, *run_to_end(command, DAGS_TEST_TIMEOUT))

    with ThreadPoolExecutor(max_workers=1) as pool:
        yield {"lake": cluster, "result": pool.submit(crash_and_rerun)}


def test_a_whole_night_publishes_and_reconciles(airflow_run, night, cluster_night):
    # cluster_night is asked for here only so that the local-cluster night starts now, beside this one.
    started = time.monotonic()
    lake = night["root"] / "lake"
    run = airflow_run(
        {
            "carelake_jar": str(APP_JAR),
            "carelake_landing": str(night["landing"]),
            "carelake_lake": str(lake),
            "carelake_key_file": str(night["key"]),
            "carelake_ingest_granularity": "region",
            "carelake_java_opts": JAVA_OPTS,
            "carelake_spark_conf": SPARK_CONF,
            "carelake_retries": "0",
            "carelake_extract_deadline_minutes": "1",
        }
    )

    run.dags_test(RUN_LOGICAL_DATE, conf={"maintenance": False}, timeout=DAGS_TEST_TIMEOUT)

    why = run.explain()
    print(stage_durations(run.output))
    assert run.returncode == 0, why
    for task_id in ["resolve_night", "plan_ingest", "link", "quality", "silver", "gold", "check", "is_maintenance_night"]:
        assert run.state_of(task_id) == "success", f"{task_id}\n{why}"
    assert run.state_of("maintain") == "skipped", why
    for borough in BOROUGHS:
        assert run.state_of(f"wait_for_extracts.{borough}") == "success", why
    assert run.mapped_states("ingest") == ["success"], why  # one spark-submit for the region

    for table in GOLD_TABLES:
        assert (lake / "gold" / table / "_delta_log").is_dir(), f"gold.{table} was not published"
    assert (lake / "restricted" / "ingest_ledger" / "_delta_log").is_dir()
    assert (lake / "ops" / "runs" / "_delta_log").is_dir()

    assert_ledger_reconciles_and_runs_recorded(lake)
    print(f"end-to-end night: dags test {run.seconds:.0f}s, whole test {time.monotonic() - started:.0f}s")


def test_the_same_night_killed_and_rerun_on_a_local_cluster_publishes_the_same_tables(night, cluster_night):
    """The jar through spark-submit on a local cluster (a standalone master, a worker and two
    executor JVMs, as on a real cluster), killed with SIGKILL at a random moment and run again:
    nothing may depend on one JVM or on the driver's disk, and a crash may lose or double nothing.
    Every restricted, silver and gold table then equals the DAG's local-mode night above (the
    small CI version of crash_harness.py)."""
    local = night["root"] / "lake"
    assert (local / "gold").is_dir(), "the local-mode night above did not publish"
    cluster = cluster_night["lake"]
    result: Future = cluster_night["result"]
    after, killed, code, seconds, tail = result.result(timeout=2 * DAGS_TEST_TIMEOUT)
    # 3: the generator's deliberately rejected files, as in the local night.
    assert code == 3, tail
    print(f"local-cluster night killed at {after:.0f}s ({'killed' if killed else 'had finished'}), re-run in {seconds:.0f}s")
    spark = delta_session()
    try:
        assert differences(local, cluster, spark) == []
        compared = sum(1 for zone in ZONES for p in (cluster / zone).iterdir() if (p / "_delta_log").is_dir())
        assert compared >= 20, f"only {compared} tables compared"
    finally:
        spark.stop()


def stage_durations(output: str) -> str:
    """The jar's per-stage timing lines from the task logs, to see where the time goes."""
    lines = [line.strip() for line in output.splitlines() if " done in " in line]
    return "stage timings:\n  " + "\n  ".join(lines[-20:])


def assert_ledger_reconciles_and_runs_recorded(lake: Path) -> None:
    """Reads the ledger, the restricted tables and the run table with Spark (Delta from the jar)."""
    from pyspark.sql import functions as F

    spark = delta_session()
    try:
        restricted = lake / "restricted"
        ledger = (
            spark.read.format("delta").load(str(restricted / "ingest_ledger"))
            .filter(F.col("night") == NIGHT).filter(F.col("status").isin("LOADED", "REJECTED"))
            .cache()
        )  # fmt: skip
        files = ledger.count()
        assert files > 0, "the ledger has no loaded or rejected file for the night"
        assert sorted(r.borough for r in ledger.select("borough").distinct().collect()) == BOROUGHS
        unbalanced = ledger.filter(F.col("rows_read") != F.col("rows_loaded") + F.col("rows_quarantined")).count()
        assert unbalanced == 0, f"{unbalanced} of {files} ledger rows have read != loaded + quarantined"

        totals = ledger.agg(
            F.sum("rows_read").alias("read"), F.sum("rows_loaded").alias("loaded"),
            F.sum("rows_quarantined").alias("quarantined"),
        ).first()  # fmt: skip
        raw_rows = sum(
            spark.read.format("delta").load(str(table.parent)).count()
            for table in restricted.glob("raw_*/_delta_log")
        )
        quarantine_rows = spark.read.format("delta").load(str(restricted / "quarantine")).count()
        # The lake held nothing before this night, so the tables hold exactly the night's rows.
        assert raw_rows == totals["loaded"], f"raw tables hold {raw_rows} rows, the ledger says {totals['loaded']}"
        assert quarantine_rows == totals["quarantined"], (
            f"quarantine holds {quarantine_rows} rows, the ledger says {totals['quarantined']}"
        )
        print(f"ledger: {files} files, {totals['read']} rows read, {totals['loaded']} loaded, "
              f"{totals['quarantined']} quarantined")  # fmt: skip

        runs = spark.read.format("delta").load(str(lake / "ops" / "runs")).filter(F.col("night") == NIGHT).collect()
        assert runs, "the run table has no run for the night"
        for run in runs:
            print(f"run {run.run_id}: {run.stages} {run.scope or 'region'} {run.outcome}")
        succeeded = {run.stages for run in runs if run.outcome.startswith("SUCCEEDED")}
        assert set(STAGES) <= succeeded, f"runs recorded for {NIGHT}: {[(r.stages, r.outcome) for r in runs]}"
        ingest = next(run for run in runs if run.stages == "ingest")
        assert (ingest.rows_read, ingest.rows_loaded, ingest.rows_quarantined) == (
            totals["read"], totals["loaded"], totals["quarantined"],
        ), "the run table's ingest counts differ from the ledger"  # fmt: skip
    finally:
        spark.stop()
        # py4j logs its connections' closing when they are collected, after pytest closed its streams.
        logging.getLogger("py4j").setLevel(logging.WARNING)
