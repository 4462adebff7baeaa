"""Load for P3 (16 users, no think time) and P4 (a burst of submissions), run by locust in
its own virtualenv (.venv-bench). It reads its plan from the JSON file in $BENCH_PLAN:

- "mode": trivial | list | detail | mixed | burst
- "pages": {mode: [[who, path], ...]} and "cookies": {who: "name=value; ..."}
- "drafts": {email: {"cookie": ..., "csrf": ..., "paths": [...]}} for the burst
"""

import json
import os
from itertools import count, cycle

from locust import FastHttpUser, constant, constant_throughput, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"]).read())  # noqa: PTH123, SIM115
MODE = PLAN["mode"]
_numbers = count()
SENT: list[str] = []  # the burst's drafts the server answered "sent in" for


@events.quitting.add_listener
def _write_sent(environment, **kwargs):
    if MODE == "burst":
        with open(PLAN["sent_file"], "w") as sent:  # noqa: PTH123
            json.dump(SENT, sent)


class PageUser(FastHttpUser):
    """One of 16 users asking for pages back to back."""

    wait_time = constant(0)
    abstract = MODE == "burst"

    def on_start(self):
        pages = PLAN["pages"][MODE]
        start = next(_numbers) % len(pages)
        self.pages = cycle(pages[start:] + pages[:start])

    @task
    def page(self):
        who, path = next(self.pages)
        name = "trivial" if MODE == "trivial" else path
        with self.client.get(
            path, name=name, headers={"Cookie": PLAN["cookies"].get(who, "")}, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Resident(FastHttpUser):
    """One resident of the burst, sending in one complete draft per second."""

    wait_time = constant_throughput(1)
    abstract = MODE != "burst"

    def on_start(self):
        emails = sorted(PLAN["drafts"])
        self.resident = PLAN["drafts"][emails[next(_numbers) % len(emails)]]
        self.paths = iter(self.resident["paths"])

    @task
    def send_in(self):
        path = next(self.paths, None)
        if path is None:
            self.stop()
            return
        with self.client.post(
            path,
            name="send in",
            data={"csrfmiddlewaretoken": self.resident["csrf"]},
            headers={"Cookie": self.resident["cookie"], "Referer": self.host + path},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "aanmelden" in response.headers.get("Location", ""):
                response.failure(f"status {response.status_code}")
            else:
                SENT.append(path)
