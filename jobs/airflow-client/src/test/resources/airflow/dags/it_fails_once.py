"""Integration-test DAG: fails on its first try and succeeds once cleared (second try)."""

from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(
    dag_id="it_fails_once",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=4,
    tags=["carelake-it"],
)
def it_fails_once():
    @task(retries=0)
    def flaky(**context) -> None:
        # The try number stands in for "yesterday's extract arrived late": a cleared task runs again.
        if context["ti"].try_number < 2:
            raise RuntimeError("it_fails_once fails on its first try on purpose")

    @task(retries=0)
    def after_flaky() -> None:
        pass

    flaky() >> after_flaky()


it_fails_once()
