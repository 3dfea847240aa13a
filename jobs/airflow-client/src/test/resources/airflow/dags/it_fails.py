"""Integration-test DAG: its only task always fails, with no retries."""

from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(
    dag_id="it_fails",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=4,
    tags=["carelake-it"],
)
def it_fails():
    @task(retries=0)
    def always_fails() -> None:
        raise RuntimeError("it_fails fails on purpose")

    always_fails()


it_fails()
