"""Integration-test DAG: paused when it is first parsed, so triggering it must be refused."""

from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(
    dag_id="it_paused",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    is_paused_upon_creation=True,
    tags=["carelake-it"],
)
def it_paused():
    @task
    def never_runs() -> None:
        pass

    never_runs()


it_paused()
