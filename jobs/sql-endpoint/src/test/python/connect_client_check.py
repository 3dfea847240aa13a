"""Drives CareLake's SQL endpoint with the real Spark Connect client (pyspark-client) for SqlEndpointIT.

Reads a JSON list of cases on stdin; each names a connection string ("remote") and one thing to do:
"sql" (run it, or each of a list, and collect the last), "table_version" (a table at "version",
counted), "read_path" (spark.read.format(...).load(path)), "conf_set" ([key, value]), "python_udf"
(a Python function over spark.range) or "write_table" (saveAsTable). Prints one JSON object: case
name -> {"rows": [...]} or {"error": <exception class>, "message": <text>}, and each case's time on
stderr. Never prints a connection string (it holds a token).
"""
import json
import sys
import time

from pyspark.sql import SparkSession


def run(case, sessions):
    # One session per connection string, as a notebook keeps one: a refused query leaves it usable.
    spark = sessions.get(case["remote"])
    if spark is None:
        spark = sessions[case["remote"]] = SparkSession.builder.remote(case["remote"]).create()
    try:
        if "sql" in case:
            statements = case["sql"] if isinstance(case["sql"], list) else [case["sql"]]
            for statement in statements:
                rows = spark.sql(statement).collect()
        elif "table_version" in case:
            rows = [[spark.read.option("versionAsOf", case["version"]).table(case["table_version"]).count()]]
        elif "read_path" in case:
            rows = spark.read.format(case.get("format", "delta")).load(case["read_path"]).collect()
        elif "conf_set" in case:
            key, value = case["conf_set"]
            spark.conf.set(key, value)
            rows = []
        elif "python_udf" in case:
            from pyspark.sql.functions import udf
            rows = spark.range(1).select(udf(lambda x: x + 1, "long")("id")).collect()
        elif "write_table" in case:
            spark.range(1).write.saveAsTable(case["write_table"])
            rows = []
        else:
            raise ValueError("unknown case")
        return {"rows": [[None if v is None else str(v) for v in row] for row in rows]}
    except Exception as e:  # the refusals under test arrive as the client's exceptions
        return {"error": type(e).__name__, "message": str(e)[:2000]}


def main():
    cases = json.load(sys.stdin)
    sessions = {}
    results = {}
    for case in cases:
        started = time.monotonic()
        results[case["name"]] = run(case, sessions)
        print(f"{case['name']}: {time.monotonic() - started:.1f} s", file=sys.stderr)
    for spark in sessions.values():
        try:
            spark.stop()
        except Exception:
            pass
    print(json.dumps(results))


if __name__ == "__main__":
    main()
