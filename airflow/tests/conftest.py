"""Shared helpers: a throwaway Airflow home per test, `airflow dags test`, task states, the jar.

The tests run with the venv's interpreter (airflow/.venv/bin/python -m pytest airflow/tests),
against the real Airflow that install.sh put there.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

AIRFLOW_DIR = Path(__file__).resolve().parents[1]
REPO = AIRFLOW_DIR.parent
DAGS = AIRFLOW_DIR / "dags"
DAG_ID = "carelake_nightly"
VENV_BIN = Path(sys.executable).parent
# The application jar under test; CARELAKE_APP_JAR points at another build of it.
APP_JAR = Path(os.environ.get("CARELAKE_APP_JAR") or REPO / "jobs" / "cli" / "target" / "carelake-app.jar")
MAIN_CLASS = "org.carelake.cli.CareLakeCli"
BOROUGHS = [f"E080000{n:02d}" for n in range(1, 11)]

# In-process imports of Airflow (the DAG integrity tests) get a home of their own, never ~/airflow.
_PROCESS_HOME = tempfile.mkdtemp(prefix="carelake-airflow-home-")
atexit.register(shutil.rmtree, _PROCESS_HOME, ignore_errors=True)
os.environ.setdefault("AIRFLOW_HOME", _PROCESS_HOME)
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(DAGS))


def spark_home() -> str:
    import pyspark

    return str(Path(pyspark.__file__).parent)


def base_env() -> dict[str, str]:
    """The environment for spark-submit: the venv's bin first and SPARK_HOME set, as on a worker."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "CARELAKE_PSEUDONYM"))}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["SPARK_HOME"] = spark_home()
    env["TZ"] = "UTC"
    return env


def write_key(directory: Path) -> Path:
    """A fresh pseudonym key for one test, outside any lake; never committed."""
    directory.mkdir(parents=True, exist_ok=True)
    key = directory / "pseudonym.key"
    key.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    key.chmod(0o600)
    return key


def spark_submit(jar: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600):
    command = [
        str(VENV_BIN / "spark-submit"), "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.extraJavaOptions=-Duser.timezone=UTC -Dfile.encoding=UTF-8",
        "--class", MAIN_CLASS, str(jar), *args,
    ]  # fmt: skip
    return subprocess.run(
        command, env=env or base_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


@dataclass
class AirflowRun:
    """One `airflow dags test` run in its own AIRFLOW_HOME, and what it left behind."""

    home: Path
    env: dict[str, str]
    output: str = ""
    returncode: int | None = None
    seconds: float = 0.0

    def airflow(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(VENV_BIN / "airflow"), *args],
            env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip

    def dags_test(self, logical_date: str, conf: dict | None = None, timeout: float = 1200) -> None:
        args = ["dags", "test", DAG_ID, logical_date]
        if conf:
            args += ["--conf", json.dumps(conf)]
        started = time.monotonic()
        # In a session of its own, so that a timeout also ends the spark-submit it started.
        process = subprocess.Popen(
            [str(VENV_BIN / "airflow"), *args], env=self.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            output += f"\n[test] airflow dags test killed after {timeout:.0f}s\n"
        self.seconds = time.monotonic() - started
        self.returncode = process.returncode
        self.output = output
        (self.home / "dags-test.log").write_text(self.output, encoding="utf-8")
        print(f"airflow dags test {DAG_ID} {logical_date}: exit {self.returncode} in {self.seconds:.0f}s")

    def states(self) -> dict[tuple[str, int], str]:
        """(task_id, map_index) -> state of every task instance of the DAG's runs."""
        with sqlite3.connect(self.home / "airflow.db") as db:
            rows = db.execute(
                "select task_id, map_index, state from task_instance where dag_id = ?", (DAG_ID,)
            ).fetchall()
        return {(task_id, map_index): state for task_id, map_index, state in rows}

    def state_of(self, task_id: str) -> str | None:
        return self.states().get((task_id, -1))

    def mapped_states(self, task_id: str) -> list[str]:
        return [state for (tid, index), state in sorted(self.states().items()) if tid == task_id and index >= 0]

    def explain(self) -> str:
        """For assertion messages: the task states and the end of the run's output."""
        states = "\n".join(f"  {t}[{i}]: {s}" for (t, i), s in sorted(self.states().items()))
        return f"task states:\n{states}\n--- last output of dags test ---\n{self.output[-6000:]}"


@pytest.fixture
def airflow_run(tmp_path: Path):
    """A migrated Airflow home with the `carelake_spark` connection; set variables with `.env`."""

    def make(variables: dict[str, str], extra_env: dict[str, str] | None = None) -> AirflowRun:
        home = tmp_path / "airflow-home"
        home.mkdir()
        env = base_env()
        env.update(
            {
                "AIRFLOW_HOME": str(home),
                "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
                "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
                "AIRFLOW_CONN_CARELAKE_SPARK": json.dumps({"conn_type": "spark", "host": "local[2]"}),
            }
        )
        env.update({f"AIRFLOW_VAR_{name.upper()}": value for name, value in variables.items()})
        env.update(extra_env or {})
        run = AirflowRun(home=home, env=env)
        migrated = run.airflow("db", "migrate")
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
        return run

    return make
