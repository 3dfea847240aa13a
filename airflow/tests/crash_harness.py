"""Crash safety: a night killed with SIGKILL at random points, re-run, must equal an uninterrupted one.

    airflow/.venv/bin/python airflow/tests/crash_harness.py --persons 1000 --kills 20

generates a landing zone with the application jar, runs one uninterrupted night into a reference
lake, then for each kill: starts the same night on a fresh lake, kills the spark-submit process
group (driver and executors) with SIGKILL at a random moment within the reference run's time,
re-runs the night to completion, and compares every table of the restricted, silver and gold zones
with the reference (as multisets of rows, without the columns that record when or by which run a
row was written). It prints one line per kill and a summary, and exits 1 if any lake differs.
Outside CI's budget (about three minutes per kill at 1,000 people on two cores); CI runs one kill,
on a local cluster, in test_nightly_e2e.py.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import APP_JAR, MAIN_CLASS, REPO, VENV_BIN, base_env, spark_home  # noqa: E402

ZONES = ["restricted", "silver", "gold"]
# Columns saying when or by which run a row was written: they differ between any two runs.
VOLATILE = re.compile(r"(^|_)run_id$|_at$|^run$|(^|_)version$")


def night_command(night: str, landing: Path, lake: Path, key: Path, master: str, java_opts: str,
                  stages: str = "ingest,link,quality,silver,gold") -> list[str]:  # fmt: skip
    """spark-submit of one night through the application jar (check, read-only, left out)."""
    conf = {
        "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.sql.codegen.wholeStage": "false", "spark.driver.extraJavaOptions": java_opts,
        "spark.executor.extraJavaOptions": java_opts,
    }  # fmt: skip
    command = [str(VENV_BIN / "spark-submit"), "--master", master]
    for name, value in conf.items():
        command += ["--conf", f"{name}={value}"]
    return command + [
        "--class", MAIN_CLASS, str(APP_JAR), "nightly", "--date", night, "--stage", stages,
        "--landing", str(landing), "--lake", str(lake), "--key-file", str(key),
        "--contracts", str(REPO / "data-contracts"), "--sql", str(REPO / "sql"), "--quiet",
    ]  # fmt: skip


def run_to_end(command: list[str], timeout: float) -> tuple[int, float, str]:
    """Runs a night to completion: exit code, seconds, the end of its output."""
    started = time.monotonic()
    done = subprocess.run(command, env=base_env(), capture_output=True, text=True, timeout=timeout, check=False)
    return done.returncode, time.monotonic() - started, (done.stdout[-2000:] + done.stderr[-2000:])


def run_killed(command: list[str], after: float) -> bool:
    """Starts a night and SIGKILLs its whole process group after ``after`` seconds; False if it ended first."""
    process = subprocess.Popen(  # noqa: S603
        command, env=base_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def differences(reference: Path, lake: Path, spark) -> list[str]:
    """Tables of the zones whose rows differ between the two lakes (volatile columns left out)."""
    found = []
    for zone in ZONES:
        names = {p.name for root in (reference, lake) if (root / zone).is_dir()
                 for p in (root / zone).iterdir() if (p / "_delta_log").is_dir()}  # fmt: skip
        for name in sorted(names):
            left, right = reference / zone / name, lake / zone / name
            if not (left / "_delta_log").is_dir() or not (right / "_delta_log").is_dir():
                found.append(f"{zone}.{name}: in one lake only")
                continue
            a = comparable(spark.read.format("delta").load(str(left)))
            b = comparable(spark.read.format("delta").load(str(right))).select(*a.columns)
            extra, missing = b.exceptAll(a).count(), a.exceptAll(b).count()
            if extra or missing:
                found.append(f"{zone}.{name}: {extra} rows extra, {missing} missing")
    return found


def comparable(table):
    """The table without its volatile columns, maps as sorted entry arrays (set operations refuse maps)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import MapType

    columns = []
    for field in table.schema.fields:
        if VOLATILE.search(field.name):
            continue
        column = F.col(f"`{field.name}`")
        columns.append(F.array_sort(F.map_entries(column)).alias(field.name) if isinstance(field.dataType, MapType) else column)
    return table.select(*columns)


def delta_session():
    """A local Spark session in this process that reads Delta (from the application jar)."""
    os.environ["SPARK_HOME"] = spark_home()
    os.environ["PATH"] = base_env()["PATH"]
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("carelake-crash-harness")
        .config("spark.jars", str(APP_JAR))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .getOrCreate()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--work", type=Path, help="folder for the landing zone and lakes (default: a temporary one)")
    args = parser.parse_args()
    assert APP_JAR.exists(), f"{APP_JAR} is missing: build it with mvn -DskipTests package"
    work = args.work or Path(tempfile.mkdtemp(prefix="carelake-crash-"))
    night = "2026-11-24"
    java_opts = "-Duser.timezone=UTC -Dfile.encoding=UTF-8"
    generate = [str(VENV_BIN / "spark-submit"), "--master", "local[1]", "--class", MAIN_CLASS, str(APP_JAR),
                "generate", "--date", night, "--persons", str(args.persons), "--seed", str(args.seed),
                "--out", str(work / "generated"), "--initial"]  # fmt: skip
    subprocess.run(generate, env=base_env(), check=True, capture_output=True)
    landing = work / "generated" / "landing"
    key = work / "pseudonym.key"
    key.write_text(os.urandom(32).hex() + "\n", encoding="ascii")
    key.chmod(0o600)

    reference = work / "lake-reference"
    code, seconds, tail = run_to_end(night_command(night, landing, reference, key, args.master, java_opts), 3600)
    print(f"reference night: exit {code} in {seconds:.0f}s", flush=True)
    if code not in (0, 3, 4):  # completed: clean, with rejected files, or with feeds held back by a gate
        print(tail)
        return 1
    rng = random.Random(args.seed)
    spark = delta_session()
    failures = 0
    try:
        for kill in range(1, args.kills + 1):
            lake = work / f"lake-{kill}"
            after = rng.uniform(2.0, seconds)
            killed = run_killed(night_command(night, landing, lake, key, args.master, java_opts), after)
            rerun_code, rerun_seconds, rerun_tail = run_to_end(
                night_command(night, landing, lake, key, args.master, java_opts), 3600
            )
            found = differences(reference, lake, spark) if rerun_code == code else [f"re-run exit {rerun_code}: {rerun_tail}"]
            failures += bool(found)
            print(f"kill {kill:2d} at {after:5.1f}s ({'killed' if killed else 'had finished'}): re-run exit {rerun_code} "
                  f"in {rerun_seconds:.0f}s, {'IDENTICAL' if not found else 'DIFFERS: ' + '; '.join(found)}", flush=True)  # fmt: skip
            shutil.rmtree(lake, ignore_errors=True)
    finally:
        spark.stop()
    print(f"{args.kills - failures} of {args.kills} killed nights identical to the uninterrupted one after a re-run")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
