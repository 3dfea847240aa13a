"""Crash safety: a night killed with SIGKILL at random points, re-run, must equal an uninterrupted one.

    airflow/.venv/bin/python airflow/tests/crash_harness.py --persons 1000 --kills 20
    airflow/.venv/bin/python airflow/tests/crash_harness.py --persons 1000 --kills 5 --fault disk-full
    airflow/.venv/bin/python airflow/tests/crash_harness.py --persons 1000 --kills 5 --fault read-only

generates a landing zone with the application jar, runs one uninterrupted night into a reference
lake, then for each kill: starts the same night on a fresh lake, kills the spark-submit process
group (driver and executors) with SIGKILL at a random moment within the reference run's time,
re-runs the night to completion, and compares every table of the restricted, silver and gold zones
with the reference (as multisets of rows, without the columns that record when or by which run a
row was written). It prints one line per kill and a summary, and exits 1 if any lake differs.
Outside CI's budget (about three minutes per kill at 1,000 people on two cores); CI runs one kill,
on a local cluster, in test_nightly_e2e.py.

Two other faults replace the kill with an I/O error in the middle of the night, each run must fail
with a message naming the error (not a stack trace), leave no table it cannot read, and after the
fault is gone the re-run must equal the uninterrupted night:

- ``disk-full``: the night runs under a file-size limit (RLIMIT_FSIZE, drawn between 16 KB and the
  largest file of the reference lake), so some write of a data file, a log entry, a shuffle or a
  spill fails part-way with ``File too large``, as on a full disk;
- ``read-only``: at a random moment every folder of the lake is made immutable (``chattr +i``, which
  stops root too), so every later create, rename or delete fails with ``Operation not permitted``,
  as when an operator's change takes away the job's write permission.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
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
        # Spark's scratch space (a copy of the application jar, shuffle files) beside the lake, not
        # in /tmp: a killed run cannot remove it, and 20 kills would leave some 3 GB behind.
        "spark.local.dir": str(scratch_of(lake)),
    }  # fmt: skip
    command = [str(VENV_BIN / "spark-submit"), "--master", master]
    for name, value in conf.items():
        command += ["--conf", f"{name}={value}"]
    return command + [
        "--class", MAIN_CLASS, str(APP_JAR), "nightly", "--date", night, "--stage", stages,
        "--landing", str(landing), "--lake", str(lake), "--key-file", str(key),
        "--contracts", str(REPO / "data-contracts"), "--sql", str(REPO / "sql"), "--quiet",
    ]  # fmt: skip


def scratch_of(lake: Path) -> Path:
    """The folder a night on ``lake`` gives Spark for scratch space; removed with the lake."""
    return lake.with_name(lake.name + ".spark-scratch")


def remove_lake(lake: Path) -> None:
    shutil.rmtree(lake, ignore_errors=True)
    shutil.rmtree(scratch_of(lake), ignore_errors=True)


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


JAVA_OPENS = [f"--add-opens=java.base/{package}=ALL-UNNAMED" for package in (
    "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent",
    "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar")]  # fmt: skip


def in_process_command(night: str, landing: Path, lake: Path, key: Path, natives: Path) -> list[str]:
    """The night in one JVM (Spark in local mode inside the CLI), for the file-size limit: spark-submit
    would copy the 90 MB application jar into a temporary folder first, and snappy its native library,
    so every limit would fail at start-up instead of in the middle of the night."""
    jars = Path(spark_home()) / "jars"
    return ["java", *JAVA_OPENS, "-Djdk.reflect.useDirectMethodHandle=false", "-Xmx3g", "-Duser.timezone=UTC",
            "-Dfile.encoding=UTF-8", f"-Dorg.xerial.snappy.lib.path={natives}", "-Dorg.xerial.snappy.lib.name=libsnappyjava.so",
            "-cp", f"{APP_JAR}{os.pathsep}{jars}/*", MAIN_CLASS, "nightly", "--date", night,
            "--stage", "ingest,link,quality,silver,gold", "--landing", str(landing), "--lake", str(lake), "--key-file", str(key),
            "--contracts", str(REPO / "data-contracts"), "--sql", str(REPO / "sql"), "--master", "local[2]",
            "--shuffle-partitions", "2", "--quiet"]  # fmt: skip


def snappy_natives(work: Path) -> Path:
    """snappy's native library, taken out of its jar once, so no run has to write it under the limit."""
    import zipfile

    folder = work / "natives"
    folder.mkdir(exist_ok=True)
    jar = next((Path(spark_home()) / "jars").glob("snappy-java-*.jar"))
    with zipfile.ZipFile(jar) as archive:
        (folder / "libsnappyjava.so").write_bytes(archive.read("org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so"))
    return folder


def run_with_file_size_limit(command: list[str], limit: int, timeout: float) -> tuple[int, str]:
    """Runs a night whose processes may write no file beyond ``limit`` bytes: exit code and output's end."""

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(command, env=base_env(), capture_output=True, text=True, timeout=timeout, check=False,
                          preexec_fn=limited)  # fmt: skip
    return done.returncode, done.stdout[-3000:] + done.stderr[-3000:]


def run_made_read_only(command: list[str], lake: Path, after: float, timeout: float) -> tuple[int, str]:
    """Runs a night and, ``after`` seconds in, makes every folder of its lake immutable; exit code and output's end."""
    process = subprocess.Popen(  # noqa: S603
        command, env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        output, _ = process.communicate(timeout=after)
    except subprocess.TimeoutExpired:
        set_immutable(lake, True)
        output, _ = process.communicate(timeout=timeout)
    return process.returncode, output[-6000:]


def set_immutable(lake: Path, on: bool) -> None:
    folders = [str(p) for p in [lake, *lake.rglob("*")] if p.is_dir()] if lake.exists() else []
    for start in range(0, len(folders), 500):
        subprocess.run(["chattr", "+i" if on else "-i", *folders[start:start + 500]], check=True, capture_output=True)


def unreadable_tables(lake: Path, spark) -> list[str]:
    """Tables of the lake that exist but cannot be read (a half-written commit would show here)."""
    broken = []
    for log in sorted(lake.rglob("_delta_log")):
        try:
            spark.read.format("delta").load(str(log.parent)).count()
        except Exception as error:  # noqa: BLE001 - any failure to read is the finding
            broken.append(f"{log.parent.relative_to(lake)}: {str(error).splitlines()[0][:160]}")
    return broken


# A night that completed: cleanly, with rejected files, or with feeds held back by a gate. A re-run
# may end in another of them (files rejected by the first attempt are already in the ledger).
COMPLETED = (0, 3, 4)
# What a reader must find in the failed run's output: the file system's words, or Hadoop's and
# Delta's for a folder they could not create (java.io.File.mkdirs gives no reason).
FAULT_MESSAGES = {
    "disk-full": r"File too large|No space left on device",
    "read-only": r"Operation not permitted|Permission denied|Mkdirs failed|Cannot create|cannot take the run lock",
}


def error_lines(output: str) -> list[str]:
    """The lines a reader sees as the run's reason: CareLake's own, not Spark's log lines or stack frames."""
    return [line for line in output.splitlines()
            if line.strip() and not re.match(r"^\s*(at |\.\.\.|Caused by|\d\d/\d\d/\d\d )", line)]  # fmt: skip


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
            extra, missing = multiset_difference(
                comparable(spark.read.format("delta").load(str(left))), comparable(spark.read.format("delta").load(str(right)))
            )
            if extra or missing:
                found.append(f"{zone}.{name}: {extra} rows extra, {missing} missing")
    return found


def multiset_difference(reference, other) -> tuple[int, int]:
    """(rows of other not in reference, rows of reference not in other), counting duplicates, as
    other.exceptAll(reference) and reference.exceptAll(other) would, in one job instead of two:
    every distinct row's count on each side, compared."""
    from pyspark.sql import functions as F

    columns = [f"`{c}`" for c in reference.columns]
    both = reference.select(*columns, F.lit(1).alias("__left"), F.lit(0).alias("__right")).unionByName(
        other.select(*columns, F.lit(0).alias("__left"), F.lit(1).alias("__right"))
    )
    counts = both.groupBy(*columns).agg(F.sum("__left").alias("left"), F.sum("__right").alias("right"))
    totals = counts.agg(
        F.sum(F.greatest(F.col("right") - F.col("left"), F.lit(0))).alias("extra"),
        F.sum(F.greatest(F.col("left") - F.col("right"), F.lit(0))).alias("missing"),
    ).first()
    return int(totals["extra"] or 0), int(totals["missing"] or 0)


def forget_lakes(spark) -> None:
    """Drops what the session keeps of lakes already compared (cached data, Delta's snapshots of their logs)."""
    spark.catalog.clearCache()
    spark._jvm.org.apache.spark.sql.delta.DeltaLog.clearCache()  # noqa: SLF001


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
        # A 20-kill run compares some 1,200 tables in this one session: 1 GB ran out at the eighth.
        .config("spark.driver.memory", "2g")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        # Small lakes compared table by table: C1 alone compiles what the comparison needs for a
        # fraction of C2's CPU, and whole-stage code generation costs more than it saves on a few
        # hundred rows (as for the nights in test_nightly_e2e.py).
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m")
        .config("spark.sql.codegen.wholeStage", "false")
        .getOrCreate()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--work", type=Path, help="folder for the landing zone and lakes (default: a temporary one)")
    parser.add_argument("--fault", choices=["kill", *FAULT_MESSAGES], default="kill",
                        help="kill -9 (default), a file-size limit as on a full disk, or the lake made read-only mid-night")  # fmt: skip
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
    if code not in COMPLETED:
        print(tail)
        return 1
    rng = random.Random(args.seed)
    spark = delta_session()
    failures = 0
    try:
        for kill in range(1, args.kills + 1):
            lake = work / f"lake-{kill}"
            after = rng.uniform(2.0, seconds)
            if args.fault != "kill":
                args.night, args.landing, args.key, args.work_dir = night, landing, key, work
                failures += fault_then_rerun(args, kill, rng, after, night_command(night, landing, lake, key, args.master, java_opts),
                                             reference, lake, spark)  # fmt: skip
                continue
            killed = run_killed(night_command(night, landing, lake, key, args.master, java_opts), after)
            rerun_code, rerun_seconds, rerun_tail = run_to_end(
                night_command(night, landing, lake, key, args.master, java_opts), 3600
            )
            found = differences(reference, lake, spark) if rerun_code in COMPLETED else [f"re-run exit {rerun_code}: {rerun_tail}"]
            failures += bool(found)
            print(f"kill {kill:2d} at {after:5.1f}s ({'killed' if killed else 'had finished'}): re-run exit {rerun_code} "
                  f"in {rerun_seconds:.0f}s, {'IDENTICAL' if not found else 'DIFFERS: ' + '; '.join(found)}", flush=True)  # fmt: skip
            remove_lake(lake)
            forget_lakes(spark)
    finally:
        spark.stop()
    what = "killed" if args.fault == "kill" else f"{args.fault} failed"
    print(f"{args.kills - failures} of {args.kills} {what} nights identical to the uninterrupted one after a re-run")
    if failures:
        print(f"landing zone and lakes kept in {work}")
    elif not args.work:
        shutil.rmtree(work, ignore_errors=True)  # a temporary folder is kept only to look into a difference
    return 1 if failures else 0


def fault_then_rerun(args, trial: int, rng: random.Random, after: float, command: list[str], reference: Path, lake: Path,
                     spark) -> int:  # fmt: skip
    """One night failed by an I/O fault, checked, then re-run without it and compared: 1 if anything is wrong."""
    if args.fault == "disk-full":
        largest = max(p.stat().st_size for p in reference.rglob("*") if p.is_file())
        limit = int(rng.uniform(16 * 1024, largest))
        command = in_process_command(args.night, args.landing, lake, args.key, snappy_natives(args.work_dir))
        code, output = run_with_file_size_limit(command, limit, 3600)
        how = f"file-size limit {limit // 1024} KB"
    else:
        code, output = run_made_read_only(command, lake, after, 3600)
        set_immutable(lake, False)
        how = f"made read-only at {after:.0f}s"
    reasons = [line for line in error_lines(output) if re.search(FAULT_MESSAGES[args.fault], line)]
    found = []
    if code == 0:
        found.append("the night succeeded despite the fault")
    elif not reasons:
        found.append(f"exit {code} without a line matching '{FAULT_MESSAGES[args.fault]}': {output[-600:]}")
    found += [f"unreadable after the fault: {t}" for t in unreadable_tables(lake, spark)]
    rerun_code, rerun_seconds, rerun_tail = run_to_end(command, 3600)
    found += differences(reference, lake, spark) if rerun_code in COMPLETED else [f"re-run exit {rerun_code}: {rerun_tail}"]
    reason = reasons[0].strip()[:150] if reasons else "-"
    print(f"fault {trial:2d} ({how}): exit {code}, reason: {reason}; re-run exit {rerun_code} in {rerun_seconds:.0f}s, "
          f"{'IDENTICAL' if not found else 'DIFFERS: ' + '; '.join(found)}", flush=True)  # fmt: skip
    remove_lake(lake)
    forget_lakes(spark)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
