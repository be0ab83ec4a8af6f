"""The people of a soak run (bench/soak.py), for locust: each signs in with an API token of their own and
reads and writes cases as caseworkers do. Every write the server acknowledges is written down (one JSON line
in SOAK_LEDGER), so that the run can check afterwards that each one is there.

SOAK_TOKENS: a file with one token per line (one person each); SOAK_MODE: "mixed" (reads and writes) or
"writers" (writes only); SOAK_LEDGER: where acknowledged writes go.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import threading

from locust import HttpUser, between, task

TOKENS = [line.strip() for line in open(os.environ["SOAK_TOKENS"], encoding="utf-8") if line.strip()]
MODE = os.environ.get("SOAK_MODE", "mixed")
_next_token = itertools.count()
_ledger_lock = threading.Lock()
_ledger = open(os.environ["SOAK_LEDGER"], "a", encoding="utf-8")
# The cases each person made. Two locust users share each person (the same caseworker in two tabs), so two
# edits of one case from the same version meet, and the second must be refused (409), never lost.
CASES_OF: dict[str, list[int]] = {}
WORDS = ["guards", "wages", "passports", "barracks", "recruiter", "debt", "overtime", "fishing", "kiln", "visa"]


def acknowledged(entry: dict) -> None:
    with _ledger_lock:
        _ledger.write(json.dumps(entry) + "\n")
        _ledger.flush()


class Caseworker(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        token = TOKENS[next(_next_token) % len(TOKENS)]
        self.client.headers.update({"Authorization": f"Bearer {token}"})
        self.cases = CASES_OF.setdefault(token, [])

    def _expected(self, response, ok: tuple[int, ...]) -> None:
        # A conflict (409: someone saved first) and a throttle (429) are answers the app is meant to give.
        if response.status_code in ok or response.status_code in (409, 429):
            response.success()
        else:
            response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(3)
    def create_case(self) -> None:
        title = f"Soak {random.choice(WORDS)} {random.randrange(10**9)}"
        with self.client.post("/api/v1/cases", json={"title": title, "sector": "fishing", "country": "TH",
                                                     "summary": " ".join(random.choices(WORDS, k=30))},
                              name="/api/v1/cases", catch_response=True) as response:
            self._expected(response, (201,))
            if response.status_code == 201:
                case = response.json()
                self.cases.append(case["id"])
                acknowledged({"kind": "case", "id": case["id"], "title": title})

    @task(3)
    def edit_case(self) -> None:
        if not self.cases:
            return
        case_id = random.choice(self.cases[-5:])  # the newest: where the two tabs meet
        current = self.client.get(f"/api/v1/cases/{case_id}", name="/api/v1/cases/<id>")
        if current.status_code != 200:
            return
        region = f"Region {random.randrange(10**9)}"
        with self.client.patch(f"/api/v1/cases/{case_id}", json={"version": current.json()["version"],
                                                                 "region": region},
                               name="/api/v1/cases/<id>", catch_response=True) as response:
            self._expected(response, (200,))
            if response.status_code == 200:
                acknowledged({"kind": "edit", "id": case_id, "version": response.json()["version"],
                              "region": region})

    @task(2)
    def comment(self) -> None:
        if not self.cases:
            return
        case_id = random.choice(self.cases)
        body = f"Checked with the source {random.randrange(10**9)}"
        with self.client.post(f"/api/v1/cases/{case_id}/comments", json={"body": body},
                              name="/api/v1/cases/<id>/comments", catch_response=True) as response:
            self._expected(response, (201,))
            if response.status_code == 201:
                acknowledged({"kind": "comment", "case_id": case_id, "body": body})

    @task(4)
    def read_list(self) -> None:
        if MODE == "mixed":
            self.client.get("/api/v1/cases?limit=25", name="/api/v1/cases")

    @task(2)
    def search(self) -> None:
        if MODE == "mixed":
            self.client.get(f"/api/v1/search?q={random.choice(WORDS)}", name="/api/v1/search")

    @task(2)
    def read_case(self) -> None:
        if MODE == "mixed" and self.cases:
            self.client.get(f"/api/v1/cases/{random.choice(self.cases)}", name="/api/v1/cases/<id>")
