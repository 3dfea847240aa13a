"""DAG integrity: the DAG file imports cleanly into a real Airflow 3.3 DagBag and has the shape,
schedule, retries, timeouts and callbacks the nightly run relies on. Milliseconds, no Spark."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import BOROUGHS, DAG_ID, DAGS, REPO

SENSORS = [f"wait_for_extracts.{code}" for code in BOROUGHS]
SPARK_TASKS = ["ingest", "link", "quality", "silver", "gold", "check", "maintain"]


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags[DAG_ID]


@pytest.fixture(scope="module")
def module():
    """The DAG file as a module, for its pure functions."""
    spec = importlib.util.spec_from_file_location("carelake_nightly_module", DAGS / "carelake_nightly.py")
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def test_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert list(dagbag.dags) == [DAG_ID]


def test_tasks(dag):
    assert sorted(dag.task_ids) == sorted(
        ["resolve_night", *SENSORS, "plan_ingest", *SPARK_TASKS, "is_maintenance_night"]
    )


def test_dependencies(dag):
    def downstream(task_id):
        return set(dag.get_task(task_id).downstream_task_ids)

    assert downstream("resolve_night") == {*SENSORS, "plan_ingest", "is_maintenance_night"}
    for sensor in SENSORS:
        assert downstream(sensor) == {"plan_ingest"}
    assert downstream("plan_ingest") == {"ingest"}
    assert downstream("ingest") == {"link"}
    assert downstream("link") == {"quality"}
    assert downstream("quality") == {"silver"}
    assert downstream("silver") == {"gold"}
    assert downstream("gold") == {"check"}
    assert downstream("check") == {"is_maintenance_night"}
    assert downstream("is_maintenance_night") == {"maintain"}
    assert downstream("maintain") == set()


def test_schedule_nightly_in_london_without_catchup(dag):
    from airflow.sdk import CronTriggerTimetable

    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "0 2 * * *"
    assert str(dag.timetable.timezone) == "Europe/London"
    assert dag.timetable.interval == timedelta(0)  # logical date = run start, as the Java client assumes
    assert dag.catchup is False
    assert dag.max_active_runs == 1


def test_every_task_retries_with_backoff_and_has_a_timeout(dag):
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.retry_exponential_backoff > 0, task.task_id
        assert task.max_retry_delay is not None, task.task_id
        assert task.execution_timeout is not None, task.task_id
        assert task.execution_timeout <= timedelta(hours=4), task.task_id


def test_every_task_records_its_failure(dag, module):
    for task in dag.tasks:
        callbacks = task.on_failure_callback
        callbacks = callbacks if isinstance(callbacks, list) else [callbacks]
        assert [c.__name__ for c in callbacks] == ["record_failure"], task.task_id


def test_sensors_wait_with_a_deadline_and_skip_a_late_borough(dag):
    for sensor_id in SENSORS:
        sensor = dag.get_task(sensor_id)
        assert sensor.mode == "reschedule"
        assert sensor.soft_fail is True
        assert timedelta(seconds=sensor.timeout) == timedelta(hours=4)
        skipped = sensor.on_skipped_callback
        skipped = skipped if isinstance(skipped, list) else [skipped]
        assert [c.__name__ for c in skipped] == ["record_late_borough"]


def test_skipped_boroughs_do_not_block_the_region(dag):
    from airflow.sdk import TriggerRule

    assert dag.get_task("plan_ingest").trigger_rule == TriggerRule.NONE_FAILED
    assert dag.get_task("link").trigger_rule == TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS


def test_spark_tasks_submit_the_carelake_jar_through_the_connection(dag):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    for task_id in ["link", "quality", "silver", "gold", "check", "maintain"]:
        task = dag.get_task(task_id)
        assert isinstance(task, SparkSubmitOperator)
        assert task._conn_id == "carelake_spark"
        assert task._java_class == "org.carelake.cli.CareLakeCli"
    ingest = dag.get_task("ingest")
    assert ingest.operator_class.__name__ == "CareLakeSubmitOperator"
    assert issubclass(ingest.operator_class, SparkSubmitOperator)
    # Ingest tasks write the same Delta tables: one at a time, in a pool of one slot.
    assert ingest.max_active_tis_per_dag == 1
    assert ingest.partial_kwargs["pool"] == "carelake_ingest"
    assert ingest.partial_kwargs.get("pool_slots", 1) == 1


def test_stage_arguments(dag):
    for stage in ["link", "quality", "silver", "gold", "check"]:
        args = dag.get_task(stage).carelake_args
        assert args[:2] == ["nightly", "--date"]
        assert "resolve_night" in args[2]
        assert args[3:5] == ["--stage", stage]
        assert "--rejected-files-ok" in args
    assert "--held-feeds-ok" in dag.get_task("quality").carelake_args
    assert dag.get_task("maintain").carelake_args == ["maintain", "--retain-hours", "168"]


@pytest.mark.parametrize(
    ("logical_date", "night"),
    [
        (datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc), "2026-11-25"),  # 02:00 GMT
        (datetime(2026, 7, 1, 1, 0, tzinfo=timezone.utc), "2026-06-30"),  # 02:00 BST
        (datetime(2026, 3, 29, 1, 0, tzinfo=timezone.utc), "2026-03-28"),  # the night clocks go forward
        (datetime(2026, 11, 25, 23, 30, tzinfo=timezone.utc), "2026-11-24"),
    ],
)
def test_a_run_processes_the_night_before_its_london_date(module, logical_date, night):
    assert module.night_for_run(None, logical_date) == night


def test_a_requested_night_wins_and_is_validated(module):
    assert module.night_for_run("2026-11-20", datetime(2026, 11, 26, tzinfo=timezone.utc)) == "2026-11-20"
    with pytest.raises(ValueError):
        module.night_for_run("20-11-2026", None)
    with pytest.raises(ValueError, match="night"):
        module.night_for_run(None, None)


def _boroughs(plan):
    return [args[args.index("--borough") + 1] if "--borough" in args else None for args in plan]


def test_ingest_is_planned_per_ready_borough_by_default(module):
    plan = module.ingest_plan("2026-11-21", ["E08000001", "E08000003"], [], "borough")
    assert plan[0] == [
        "nightly", "--date", "2026-11-21", "--stage", "ingest", "--borough", "E08000001", "--rejected-files-ok",
    ]  # fmt: skip
    assert _boroughs(plan) == ["E08000001", "E08000003"]
    assert all("--feed" not in args for args in plan)
    assert module.RUNTIME_DEFAULTS["carelake_ingest_granularity"] == "borough"
    assert module.ingest_plan("2026-11-21", ["E08000001"], [], "") == module.ingest_plan(
        "2026-11-21", ["E08000001"], [], "borough"
    )


def test_region_ingest_is_one_task_when_every_borough_is_ready(module):
    plan = module.ingest_plan("2026-11-21", list(BOROUGHS), [], "region")
    assert plan == [["nightly", "--date", "2026-11-21", "--stage", "ingest", "--rejected-files-ok"]]
    assert module._label(plan[0]) == "region"


def test_region_ingest_falls_back_to_ready_boroughs_when_one_is_late(module):
    # The CLI has no multi-borough filter: a region-wide task would load the late borough too.
    ready = [b for b in BOROUGHS if b != "E08000004"]
    plan = module.ingest_plan("2026-11-21", ready, [], "region")
    assert _boroughs(plan) == ready
    assert [module._label(args) for args in plan] == ready


def test_ingest_per_feed_only_when_asked(module):
    plan = module.ingest_plan("2026-11-21", ["E08000001", "E08000003"], ["feed_a", "feed_b"], "feed")
    assert plan[0] == [
        "nightly", "--date", "2026-11-21", "--stage", "ingest",
        "--borough", "E08000001", "--feed", "feed_a", "--rejected-files-ok",
    ]  # fmt: skip
    assert len(plan) == 4
    assert module._label(plan[0]) == "E08000001 feed_a"
    with pytest.raises(ValueError, match="carelake_ingest_granularity"):
        module.ingest_plan("2026-11-21", ["E08000001"], ["feed_a"], "everything")


def test_feeds_are_the_contract_ids_outside_examples(module, tmp_path):
    (tmp_path / "gp" / "examples" / "x").mkdir(parents=True)
    (tmp_path / "gp" / "b.v1.yaml").write_text("id: feed_b\n")
    (tmp_path / "gp" / "a.v2.yaml").write_text("id: feed_a\n")
    (tmp_path / "gp" / "examples" / "x" / "c.yaml").write_text("id: not_a_feed\n")
    assert module.feeds_from_contracts(str(tmp_path)) == ["feed_a", "feed_b"]
    assert "gp_emis_patients" in module.feeds_from_contracts(str(REPO / "data-contracts"))


def test_failure_record_names_the_night_task_and_try(module):
    ti = SimpleNamespace(task_id="ingest", map_index=4, try_number=2, xcom_pull=lambda task_ids: "2026-11-21")
    assert module.record_failure_args({"ti": ti}, "spark-submit exit code 1") == [
        "record-failure", "--date", "2026-11-21", "--task", "ingest[4]", "--try", "2",
        "--reason", "spark-submit exit code 1",
    ]  # fmt: skip


def test_failure_reason_is_one_line_without_the_command(module):
    from airflow.sdk.exceptions import AirflowException

    error = AirflowException(
        "Cannot execute: spark-submit --master local[2] --class X app.jar nightly. Error code is: 1."
        "\nLast spark-submit output:\nsome progress\ncarelake: silver failed: table missing (internal)"
    )
    assert module._reason({"exception": error}) == (
        "spark-submit exit code 1: carelake: silver failed: table missing (internal)"
    )
    assert module._reason({"exception": RuntimeError("boom\nmore")}) == "RuntimeError: boom"


def test_failure_callback_never_raises(module, monkeypatch):
    """Even with no connection and no spark-submit, the callback only logs."""
    monkeypatch.setenv("PATH", "/nonexistent")
    ti = SimpleNamespace(task_id="gold", map_index=-1, try_number=1, xcom_pull=lambda task_ids: "2026-11-21")
    assert module.record_failure({"ti": ti, "exception": RuntimeError("x")}) is None
    assert module.record_failure({}) is None


def test_maintenance_runs_on_the_maintenance_day_only(module, monkeypatch):
    decide = module.is_maintenance_night.function if hasattr(module.is_maintenance_night, "function") else None
    assert decide is not None
    monkeypatch.setenv("AIRFLOW_VAR_CARELAKE_MAINTENANCE_DAY", "Sunday")
    assert decide("2026-11-21", params={"maintenance": None}) is True  # run day Sunday 22nd
    assert decide("2026-11-22", params={"maintenance": None}) is False
    assert decide("2026-11-22", params={"maintenance": True}) is True
    assert decide("2026-11-21", params={"maintenance": False}) is False
