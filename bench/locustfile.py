"""The load test's users (make bench): signed-in people on a realistic mix of pages.

Each simulated user takes one of the sessions scripts/bench.py made for the bench accounts
(LA officers, headteachers and board members) and sends it as a cookie, as a browser behind the
council's TLS proxy would (X-Forwarded-Proto: https).
"""

import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["LOAD_SESSIONS_FILE"]) as handle:
    PEOPLE = json.load(handle)  # {"sessions": [[role, session key], ...], "urns": [...]}
SESSIONS, URNS = PEOPLE["sessions"], PEOPLE["urns"]


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.role, key = SESSIONS[random.randrange(len(SESSIONS))]  # noqa: S311
        self.client.headers.update({"Cookie": f"sessionid={key}", "X-Forwarded-Proto": "https"})

    def get(self, path, name=None):
        with self.client.get(path, name=name or path, catch_response=True,
                             allow_redirects=False) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")

    @task(5)
    def dashboard(self):
        self.get("/")

    @task(4)
    def school_list(self):
        self.get("/schools/")

    @task(3)
    def school_search(self):
        self.get(f"/schools/?q={random.choice(['Park', 'St', 'Green', 'Primary'])}&phase=primary",  # noqa: S311
                 name="/schools/?q=…")  # fmt: skip

    @task(4)
    def school_page(self):
        self.get(f"/schools/{random.choice(URNS)}/", name="/schools/<urn>/")  # noqa: S311

    @task(2)
    def themes(self):
        if self.role in ("officer", "board_member"):
            self.get("/reviews/themes/")

    @task(2)
    def support(self):
        if self.role in ("officer", "headteacher"):
            self.get("/support/")

    @task(1)
    def partnership(self):
        self.get("/partnership/")

    @task(1)
    def reports(self):
        self.get("/reports/")
