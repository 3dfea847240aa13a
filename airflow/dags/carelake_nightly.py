"""CareLake's nightly run: the ten Greater Manchester boroughs' extracts to published tables.

A thin DAG. Every task launches CareLake's packaged application jar with ``spark-submit`` (the
Spark provider's SparkSubmitOperator) and passes it the night's date; the jar does the work.
The DAG only decides *when* and *in which order*; the rules live in the jar and in the data
contracts.

    resolve_night
      └─ wait_for_extracts.<borough> ×10   sensor for <landing>/<night>/<borough>/_READY; a
           │                               borough still missing at the deadline is SKIPPED
           │                               and flagged (record-failure), the rest go on
         plan_ingest                       the ingest tasks, by carelake_ingest_granularity
           └─ ingest [mapped, pool]        borough: nightly --stage ingest --borough B, each ready B
                │                          region:  nightly --stage ingest (all ten ready, else per B)
                └─ link ─ quality ─ silver ─ gold ─ check
                                           nightly --stage link|quality|silver|gold|check
                                                         └─ is_maintenance_night ─ maintain (weekly)

The night
    The run scheduled at 02:00 Europe/London on day D+1 processes the night of day D: the
    extracts the sources sent during D, landed under ``<landing>/D/``. So the night is the
    London calendar date of the run's logical date minus one day; a run triggered with
    ``conf={"night": "YYYY-MM-DD"}`` processes that night instead. ``resolve_night`` works it
    out once and every task receives it as ``--date``.

Settings (Airflow Variables; defaults suit a checkout of the repository)
    Read when a task runs:
      carelake_jar, carelake_landing, carelake_landing_watch (where the sensors look for _READY,
      as an Airflow object-storage URI such as s3://aws_default@bucket/landing, when Spark's URI
      for the landing zone differs (s3a://bucket/landing); empty: carelake_landing), carelake_lake, carelake_key_file (empty: the jar reads
      CARELAKE_PSEUDONYM_KEY from the environment), carelake_contracts, carelake_sql,
      carelake_java_opts, carelake_spark_conf (JSON object of extra Spark properties),
      carelake_feeds (with granularity "feed" only: comma-separated feed ids; empty: every
      contract in carelake_contracts),
      carelake_ingest_granularity ("borough", the default: one ingest task per ready borough, all
      its feeds in one spark-submit; "region": one task for the whole region when all ten boroughs
      are ready, else one per ready borough; "feed": one per ready borough and feed, costly),
      carelake_maintenance_day (weekday name of the run day; default Sunday).
    Read when the DAG file is parsed (they shape the tasks):
      carelake_retries (3), carelake_retry_delay_minutes (5),
      carelake_extract_deadline_minutes (240: from the first poke, i.e. 02:00 to 06:00),
      carelake_ingest_concurrency (1: ingest tasks write the same Delta tables, so by default
      they run one at a time; more is safe, as conflicting commits are written again), carelake_ingest_pool ("carelake_ingest": the pool the ingest tasks
      run in; create it with one slot).
    Connection ``carelake_spark`` (type spark): the master (local[2], yarn, k8s://…) and, in its
    extra, deploy-mode / queue / namespace.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum
import yaml

from airflow.providers.apache.spark.hooks.spark_submit import SparkSubmitHook
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import (
    DAG,
    CronTriggerTimetable,
    ObjectStoragePath,
    Param,
    PokeReturnValue,
    TaskGroup,
    TriggerRule,
    Variable,
    task,
)

log = logging.getLogger(__name__)

DAG_ID = "carelake_nightly"
LONDON = pendulum.timezone("Europe/London")
BOROUGHS = tuple(f"E080000{n:02d}" for n in range(1, 11))  # ONS codes, Bolton .. Wigan
SPARK_CONN_ID = "carelake_spark"
MAIN_CLASS = "org.carelake.cli.CareLakeCli"

# The repository this file sits in (airflow/dags/..); defaults point into it, for tests and demos.
REPO = Path(__file__).resolve().parents[2]

RUNTIME_DEFAULTS = {
    "carelake_jar": str(REPO / "jobs" / "cli" / "target" / "carelake-app.jar"),
    "carelake_landing": str(REPO / "landing"),
    "carelake_landing_watch": "",
    "carelake_lake": str(REPO / "lake"),
    "carelake_key_file": "",
    "carelake_contracts": str(REPO / "data-contracts"),
    "carelake_sql": str(REPO / "sql"),
    "carelake_java_opts": "-Duser.timezone=UTC -Dfile.encoding=UTF-8",
    "carelake_spark_conf": "{}",
    "carelake_feeds": "",
    "carelake_ingest_granularity": "borough",
    "carelake_maintenance_day": "Sunday",
}


def setting(name: str) -> str:
    """A runtime setting: the Airflow Variable, else its default. Call only inside a task."""
    value = Variable.get(name, default=None)
    if value is None:
        return RUNTIME_DEFAULTS[name]
    return value


def _parse_time_number(name: str, default: float) -> float:
    try:
        return float(Variable.get(name, default=str(default)))
    except (TypeError, ValueError):
        log.warning("Variable %s is not a number; using %s", name, default)
        return default


RETRIES = int(_parse_time_number("carelake_retries", 3))
RETRY_DELAY = timedelta(minutes=_parse_time_number("carelake_retry_delay_minutes", 5))
EXTRACT_DEADLINE = timedelta(minutes=_parse_time_number("carelake_extract_deadline_minutes", 240))
INGEST_CONCURRENCY = int(_parse_time_number("carelake_ingest_concurrency", 1))
INGEST_POOL = (Variable.get("carelake_ingest_pool", default="") or "carelake_ingest").strip()
GRANULARITIES = ("borough", "region", "feed")


# ---------------------------------------------------------------------------------------------
# The night


def night_for_run(requested: str | None, logical_date: datetime | None) -> str:
    """The night a run processes: ``requested`` if given, else the day before the run's London date."""
    if requested:
        return date.fromisoformat(str(requested)).isoformat()  # ValueError names the bad value
    if logical_date is None:
        raise ValueError("the run has no logical date: trigger it with conf {\"night\": \"YYYY-MM-DD\"}")
    return (pendulum.instance(logical_date).in_timezone(LONDON).date() - timedelta(days=1)).isoformat()


NIGHT = "{{ ti.xcom_pull(task_ids='resolve_night') }}"


# ---------------------------------------------------------------------------------------------
# Launching the CareLake jar


def common_options() -> list[str]:
    """The options every carelake command takes, from the Variables."""
    options = [
        "--lake", setting("carelake_lake"),
        "--landing", setting("carelake_landing"),
        "--contracts", setting("carelake_contracts"),
        "--sql", setting("carelake_sql"),
    ]  # fmt: skip
    key_file = setting("carelake_key_file")
    if key_file:
        options += ["--key-file", key_file]
    return options


def spark_conf() -> dict[str, str]:
    java_opts = setting("carelake_java_opts")
    conf = {
        "spark.driver.extraJavaOptions": java_opts,
        "spark.executor.extraJavaOptions": java_opts,
        # Spark's own INFO lines would bury the jar's progress and summary in the task log.
        "spark.log.level": "WARN",
    }
    extra = json.loads(setting("carelake_spark_conf") or "{}")
    if not isinstance(extra, dict):
        raise ValueError("Variable carelake_spark_conf must be a JSON object of Spark properties")
    conf.update({str(key): str(value) for key, value in extra.items()})
    return conf


class CareLakeSubmitOperator(SparkSubmitOperator):
    """``spark-submit --class CareLakeCli <jar> <carelake_args> <common options>``.

    The jar, the common options and the Spark properties are read from the Variables when the task
    runs, so one DAG file serves a laptop and a cluster. Tasks are safe to retry: every CareLake
    write is idempotent.
    """

    template_fields = (*SparkSubmitOperator.template_fields, "carelake_args")

    def __init__(self, *, carelake_args: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("conn_id", SPARK_CONN_ID)
        kwargs.setdefault("java_class", MAIN_CLASS)
        kwargs.setdefault("name", "carelake-{{ task.task_id }}")
        super().__init__(**kwargs)
        self.carelake_args = carelake_args

    def execute(self, context: Any) -> None:
        self.application = setting("carelake_jar")
        self.application_args = [*self.carelake_args, *common_options()]
        self.conf = {**spark_conf(), **(self.conf or {})}
        context["carelake_label"] = _label(self.carelake_args)
        return super().execute(context)


def _label(carelake_args: list[str]) -> str:
    """What the UI shows for a mapped ingest index: ``E08000003``, ``E08000003 gp_emis_patients``
    or ``region``."""
    values = [carelake_args[i + 1] for i, arg in enumerate(carelake_args[:-1]) if arg in ("--borough", "--feed")]
    if values:
        return " ".join(values)
    if "--stage" in carelake_args and "ingest" in carelake_args:
        return "region"
    return " ".join(carelake_args[:1])


def nightly(stage: str, *extra: str, night: str = NIGHT) -> list[str]:
    # --rejected-files-ok: a night where some files were rejected (exit 3) is still a usable
    # night; the jar then exits 0 and prints a warning instead of failing the task.
    return ["nightly", "--date", night, "--stage", stage, *extra, "--rejected-files-ok"]


# ---------------------------------------------------------------------------------------------
# Recording failures and late boroughs in CareLake's run table


def record_failure_args(context: Any, reason: str) -> list[str]:
    ti = context["ti"]
    task_id = ti.task_id if getattr(ti, "map_index", -1) in (-1, None) else f"{ti.task_id}[{ti.map_index}]"
    night = ti.xcom_pull(task_ids="resolve_night") or night_for_run(
        (context.get("params") or {}).get("night"), context.get("logical_date")
    )
    return ["record-failure", "--date", night, "--task", task_id, "--try", str(ti.try_number), "--reason", reason]


def _reason(context: Any) -> str:
    """One line for the run table: the exit code and the jar's last line, not the command line."""
    error = context.get("exception")
    if error is None:
        return "failed"
    text = str(error)
    exit_code = re.search(r"Error code is: (-?\d+)", text)
    if exit_code:
        output = text.split("Last spark-submit output:", 1)[1:]
        last_lines = [line.strip() for line in (output[0] if output else "").splitlines() if line.strip()]
        reason = f"spark-submit exit code {exit_code.group(1)}"
        if last_lines:
            reason += f": {last_lines[-1]}"
    else:
        reason = f"{type(error).__name__}: {(text.strip().splitlines() or [''])[0]}"
    return reason[:300]


def _submit_record_failure(context: Any, reason: str, timeout_seconds: float = 600) -> None:
    """Runs ``carelake record-failure`` with spark-submit. Logs, never raises."""
    try:
        hook = SparkSubmitHook(
            conn_id=SPARK_CONN_ID,
            conf=spark_conf(),
            java_class=MAIN_CLASS,
            name="carelake-record-failure",
            application_args=[*record_failure_args(context, reason), *common_options()],
        )
        outcome: dict[str, BaseException] = {}

        def submit() -> None:
            try:
                hook.submit(setting("carelake_jar"))
            except BaseException as error:  # noqa: BLE001 - reported below, never raised
                outcome["error"] = error

        worker = threading.Thread(target=submit, name="carelake-record-failure", daemon=True)
        worker.start()
        worker.join(timeout_seconds)
        if worker.is_alive():
            hook.on_kill()
            log.error("carelake record-failure did not finish in %ss; killed", timeout_seconds)
        elif "error" in outcome:
            log.error("carelake record-failure failed: %s", outcome["error"])
        else:
            log.info("Recorded in CareLake's run table: %s", reason)
    except Exception:  # noqa: BLE001 - a callback must never raise
        log.exception("Could not record the failure in CareLake's run table")


def record_failure(context: Any) -> None:
    """on_failure_callback: the task failed for good (retries exhausted)."""
    _submit_record_failure(context, _reason(context))


def record_late_borough(context: Any) -> None:
    """on_skipped_callback of the extract sensors: the borough missed the deadline."""
    _submit_record_failure(context, f"late-extracts: no _READY marker by the {EXTRACT_DEADLINE} deadline")


# ---------------------------------------------------------------------------------------------
# Landing zone and feeds


def landing_path(landing: str) -> ObjectStoragePath:
    return ObjectStoragePath(landing if "://" in landing else "file://" + os.path.abspath(landing))


def feeds_from_contracts(contracts: str) -> list[str]:
    """The feed ids of every data contract (``*.yaml`` outside ``examples/``), as the jar finds them."""
    feeds = []
    for path in sorted(Path(contracts).rglob("*.yaml")):
        if "examples" in path.relative_to(contracts).parts:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(document, dict) and document.get("id"):
            feeds.append(str(document["id"]))
    return sorted(set(feeds))


def ingest_plan(night: str, ready: list[str], feeds: list[str], granularity: str) -> list[list[str]]:
    """The mapped ingest tasks' arguments, by granularity.

    ``borough``: one task per ready borough (all its feeds in one spark-submit). ``region``: one
    task for every borough when all ten are ready; the CLI has no multi-borough filter, so with a
    borough skipped it falls back to one task per ready borough, and a late borough's files are
    never loaded by another borough's task. ``feed``: one task per ready borough and feed (each
    spark-submit pays Spark's start-up, so only where a feed must be retried on its own).
    """
    granularity = (granularity or "borough").strip().lower()
    if granularity not in GRANULARITIES:
        raise ValueError(
            f"Variable carelake_ingest_granularity must be one of {', '.join(GRANULARITIES)}, got {granularity!r}"
        )
    if granularity == "region" and set(ready) >= set(BOROUGHS):
        return [nightly("ingest", night=night)]
    if granularity == "feed":
        if not feeds:
            raise RuntimeError("no feeds: set Variable carelake_feeds or point carelake_contracts at the contracts")
        return [nightly("ingest", "--borough", b, "--feed", f, night=night) for b in ready for f in feeds]
    return [nightly("ingest", "--borough", borough, night=night) for borough in ready]


# ---------------------------------------------------------------------------------------------
# The DAG

with DAG(
    dag_id=DAG_ID,
    description="CareLake nightly: ten boroughs' extracts validated, loaded, pseudonymised, published",
    # A trigger timetable: each run's logical date is its start time, 02:00 London on D+1.
    schedule=CronTriggerTimetable("0 2 * * *", timezone=LONDON),
    start_date=pendulum.datetime(2026, 1, 1, tz=LONDON),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=20),
    params={
        "night": Param(None, type=["null", "string"], format="date",
                       description="The night to process (YYYY-MM-DD); empty: the night before the run date."),
        "maintenance": Param(None, type=["null", "boolean"],
                             description="Force (true) or skip (false) the weekly maintenance; empty: on the maintenance day."),
    },  # fmt: skip
    default_args={
        "owner": "carelake",
        "retries": RETRIES,
        "retry_delay": RETRY_DELAY,
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(hours=1),
        "execution_timeout": timedelta(hours=2),
        "on_failure_callback": record_failure,
    },
    tags=["carelake"],
    doc_md=__doc__,
) as dag:

    @task(execution_timeout=timedelta(minutes=5))
    def resolve_night(**context: Any) -> str:
        dag_run = context["dag_run"]
        # A run triggered through the API may have no logical date: then its run_after stands in.
        when = context.get("logical_date") or getattr(dag_run, "run_after", None)
        night = night_for_run(context["params"].get("night"), when)
        log.info("This run processes the night of %s", night)
        return night

    night = resolve_night()

    @task.sensor(
        mode="reschedule",
        soft_fail=True,
        timeout=EXTRACT_DEADLINE.total_seconds(),
        poke_interval=max(5.0, min(300.0, EXTRACT_DEADLINE.total_seconds() / 12)),
        execution_timeout=timedelta(minutes=10),
        on_skipped_callback=record_late_borough,
    )
    def wait_for_ready_marker(night: str, borough: str) -> PokeReturnValue:
        landing = setting("carelake_landing_watch") or setting("carelake_landing")
        marker = landing_path(landing) / night / borough / "_READY"
        ready = marker.exists()
        log.info("%s %s: %s", night, borough, "ready" if ready else "not ready yet")
        return PokeReturnValue(is_done=ready, xcom_value=borough if ready else None)

    with TaskGroup("wait_for_extracts", tooltip="One sensor per borough, with a deadline") as waits:
        for code in BOROUGHS:
            wait_for_ready_marker.override(task_id=code)(night=night, borough=code)

    @task(trigger_rule=TriggerRule.NONE_FAILED, execution_timeout=timedelta(minutes=5))
    def plan_ingest(night: str, **context: Any) -> list[list[str]]:
        ti = context["ti"]
        ready = [code for code in BOROUGHS if ti.xcom_pull(task_ids=f"wait_for_extracts.{code}")]
        late = [code for code in BOROUGHS if code not in ready]
        if late:
            log.warning("Late boroughs, skipped tonight and flagged in the run table: %s", ", ".join(late))
        if not ready:
            raise RuntimeError(f"no borough delivered extracts for {night} by the deadline")
        granularity = setting("carelake_ingest_granularity")
        feeds: list[str] = []
        if granularity.strip().lower() == "feed":
            listed = [feed.strip() for feed in setting("carelake_feeds").split(",") if feed.strip()]
            feeds = listed or feeds_from_contracts(setting("carelake_contracts"))
        plan = ingest_plan(night, ready, feeds, granularity)
        log.info("Ingest plan (%s): %d ready boroughs, %d tasks: %s", granularity, len(ready), len(plan),
                 ", ".join(_label(args) for args in plan))  # fmt: skip
        return plan

    plan = plan_ingest(night)
    waits >> plan

    # Ingest tasks write the same Delta tables (raw, quarantine, ledger): one at a time, through a
    # pool of one slot (which also keeps a manual run of another night out) and the per-DAG limit.
    ingest = CareLakeSubmitOperator.partial(
        task_id="ingest",
        pool=INGEST_POOL,
        pool_slots=1,
        max_active_tis_per_dag=INGEST_CONCURRENCY,
        execution_timeout=timedelta(hours=3),
        map_index_template="{{ carelake_label }}",
    ).expand(carelake_args=plan)

    # Linkage reads every borough's identity records at once, so it runs once for the region after
    # the ingest tasks; a skipped (late) borough does not hold it back.
    link = CareLakeSubmitOperator(
        task_id="link",
        carelake_args=nightly("link"),
        trigger_rule=TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS,
        execution_timeout=timedelta(hours=3),
    )
    # --held-feeds-ok: a feed held back by a quality gate (exit 4) is reported in the jar's
    # summary and ops.quality_gate; the rest of the night publishes.
    quality = CareLakeSubmitOperator(
        task_id="quality",
        carelake_args=nightly("quality", "--held-feeds-ok"),
        execution_timeout=timedelta(hours=1),
    )
    silver = CareLakeSubmitOperator(
        task_id="silver",
        carelake_args=nightly("silver"),
        execution_timeout=timedelta(hours=3),
    )
    gold = CareLakeSubmitOperator(
        task_id="gold", carelake_args=nightly("gold"), execution_timeout=timedelta(hours=2)
    )
    check = CareLakeSubmitOperator(
        task_id="check", carelake_args=nightly("check"), execution_timeout=timedelta(hours=1)
    )

    @task.short_circuit(execution_timeout=timedelta(minutes=5))
    def is_maintenance_night(night: str, **context: Any) -> bool:
        forced = context["params"].get("maintenance")
        if forced is not None:
            return bool(forced)
        run_day = date.fromisoformat(night) + timedelta(days=1)
        return run_day.strftime("%A").lower() == setting("carelake_maintenance_day").strip().lower()

    maintain = CareLakeSubmitOperator(
        task_id="maintain", carelake_args=["maintain", "--retain-hours", "168"], execution_timeout=timedelta(hours=4)
    )

    ingest >> link >> quality >> silver >> gold >> check >> is_maintenance_night(night) >> maintain
