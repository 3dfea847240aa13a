"""Integration-test DAG: succeeds quickly; one mapped task so map_index is exercised."""

from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(
    dag_id="it_succeeds",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=4,
    tags=["carelake-it"],
)
def it_succeeds():
    @task
    def partitions(**context) -> list[str]:
        return list((context["dag_run"].conf or {}).get("partitions", ["north", "south"]))

    @task
    def touch(partition: str) -> str:
        return partition

    touch.expand(partition=partitions())


it_succeeds()
