"""Drives the real delta-sharing Python client against CareLake's sharing server (SharingPythonClientIT).

Usage: sharing_client_check.py GOOD_PROFILE WRONG_PROFILE EXPIRED_PROFILE OTHER_PROJECT_PROFILE
Prints one JSON object: what each profile could list and load, or the HTTP status it was refused with.
"""
import json
import sys

import delta_sharing
from requests.exceptions import HTTPError

TABLE = "demo.gold.cohort_t2dm__demo"


def attempt(action):
    try:
        return {"ok": action()}
    except HTTPError as e:
        return {"status": e.response.status_code if e.response is not None else None}


def tables(profile):
    return sorted(f"{t.share}.{t.schema}.{t.name}" for t in delta_sharing.SharingClient(profile).list_all_tables())


def rows(profile):
    frame = delta_sharing.load_as_pandas(f"{profile}#{TABLE}")
    records = [
        {"patient_id": r["patient_id"], "index_date": str(r["index_date"]), "age_band": r["age_band"], "hba1c_tests": int(r["hba1c_tests"])}
        for r in frame.to_dict("records")
    ]
    return sorted(records, key=lambda r: r["patient_id"])


good, wrong, expired, other = sys.argv[1:5]
print(json.dumps({
    "good_tables": attempt(lambda: tables(good)),
    "good_rows": attempt(lambda: rows(good)),
    "good_limited": attempt(lambda: len(delta_sharing.load_as_pandas(f"{good}#{TABLE}", limit=3))),
    "wrong_tables": attempt(lambda: tables(wrong)),
    "wrong_rows": attempt(lambda: rows(wrong)),
    "expired_tables": attempt(lambda: tables(expired)),
    "expired_rows": attempt(lambda: rows(expired)),
    "other_tables": attempt(lambda: tables(other)),
    "other_rows": attempt(lambda: rows(other)),
}))
