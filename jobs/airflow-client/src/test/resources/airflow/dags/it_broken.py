"""Integration-test DAG file that is broken on purpose: Airflow must report an import error."""

from __future__ import annotations

from airflow.sdk import dag

raise ImportError("it_broken is broken on purpose")
