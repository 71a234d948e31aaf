"""The locust users of bench/surge.py: the disaster-day mix of the public site, one kind of request, or the baseline.

Run by bench/surge.py only (`locust --headless --run-time … --host http://127.0.0.1:<port>`), which passes
through the environment:

    SURGE_MODE   baseline | mix | home | donate | pledge | ledger | lookup | verify
    SURGE_DATA   JSON file: funds, lookups [(receipt, mobile)], certificates [number], general fund id
    SURGE_RUN    prefix of this run's pledge keys, so the pledges it sent can be counted in PostgreSQL afterwards
    SURGE_RATE   requests per second per user (0: each user asks again as soon as it is answered)
    SURGE_OUT    where the pledge counters are written when the run stops

Each request comes through the loopback like one from the reverse proxy (DJANGO_TRUSTED_PROXIES=127.0.0.1, as
production trusts its Caddy container) and names, in X-Forwarded-For, a resident's address drawn from a large
pool: the per-address limits of the public doors count as in production, and a city's residents stay under them.
"""

import itertools
import json
import os
import random
import re
import threading
import uuid

from locust import constant, constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

MODE = os.environ.get("SURGE_MODE", "mix")
DATA = json.loads(open(os.environ["SURGE_DATA"], encoding="utf-8").read()) if os.environ.get("SURGE_DATA") else {}
RUN = os.environ.get("SURGE_RUN", "surge")
RATE = float(os.environ.get("SURGE_RATE", "0") or 0)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# The disaster-day mix: weights per kind of request (the donate page leads to most pledges).
MIX = {"home": 20, "donate": 20, "pledge": 10, "ledger": 20, "lookup": 15, "verify": 15}

SENT = {"posts": 0, "answered": 0, "resent": 0}
KEYS = set()
ANSWERED_KEYS = set()
LOCK = threading.Lock()
SERIAL = itertools.count(1)


def resident():
    """An address of the city: 10.0.0.0/8 is not a trusted proxy, so the platform counts it as the client."""
    return {"X-Forwarded-For": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"}


class Public(FastHttpUser):
    wait_time = constant_throughput(RATE) if RATE else constant(0)

    def on_start(self):
        self.csrf = ""
        if MODE in ("mix", "pledge", "lookup"):
            # A form's page first, as a browser does: the CSRF cookie (kept by this user's session) and its token.
            response = self.client.get("/donate/", headers=resident(), name="donate page (user start)")
            self.csrf = CSRF_FIELD.search(response.text).group(1)

    def pick(self):
        return MODE if MODE != "mix" else random.choices(list(MIX), weights=list(MIX.values()))[0]

    @task
    def one(self):
        kind = "baseline" if MODE == "baseline" else self.pick()
        getattr(self, kind)()

    def get(self, url, name, status=200, marker=None):
        with self.client.get(url, headers=resident(), name=name, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != status:
                response.failure(f"{response.status_code} (expected {status}) {getattr(response, 'error', None) or ''}")
            elif marker and marker not in response.text:
                response.failure(f"no {marker!r} in the page")

    def baseline(self):
        # short_verify: the QR code's short address; a redirect built without the database or a template.
        self.get("/v/SURGE", "baseline: /v/<number> redirect", status=302)

    def home(self):
        self.get("/", "home")

    def donate(self):
        self.get("/donate/", "donate page", marker="csrfmiddlewaretoken")

    def ledger(self):
        fund = random.choice(DATA["funds"] + [""])
        self.get(f"/transparency/funds/{fund}/" if fund else "/transparency/", "ledger")

    def verify(self):
        self.get(f"/training/verify/{random.choice(DATA['certificates'])}/", "certificate verification")

    def lookup(self):
        receipt, mobile = random.choice(DATA["lookups"])
        body = {"csrfmiddlewaretoken": self.csrf, "receipt_number": receipt, "mobile": mobile}
        with self.client.post("/transparency/lookup/", data=body, headers=resident(), name="donation lookup",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200 or "lookup-result" not in response.text:
                response.failure(f"{response.status_code}: no lookup result {getattr(response, 'error', None) or ''}")

    def pledge(self):
        serial = next(SERIAL)
        key = f"{RUN}-{os.getpid()}-{serial}-{uuid.uuid4().hex[:8]}"
        resend = serial % 20 == 0  # a double click: the same form twice, which must stay one pledge
        body = {"csrfmiddlewaretoken": self.csrf, "key": key, "fund": DATA["general_fund"],
                "amount": str(random.randrange(10, 5000)), "donor_kind": "individual",
                "name": f"赈灾捐赠人{serial}", "mobile": f"137{random.randrange(10**8):08d}"}
        for _ in range(2 if resend else 1):
            with LOCK:
                KEYS.add(key)
                SENT["posts"] += 1
                SENT["resent"] += resend
            with self.client.post("/donate/", data=body, headers=resident(), name="pledge POST",
                                  allow_redirects=False, catch_response=True) as response:
                if response.status_code == 302 and "/donate/thanks/" in response.headers.get("Location", ""):
                    with LOCK:
                        SENT["answered"] += 1
                        ANSWERED_KEYS.add(key)
                else:
                    response.failure(f"{response.status_code}: not taken {getattr(response, 'error', None) or ''}")


@events.quitting.add_listener
def write_counters(environment, **kwargs):
    if os.environ.get("SURGE_OUT"):
        with open(os.environ["SURGE_OUT"], "w", encoding="utf-8") as out:
            json.dump({**SENT, "keys": len(KEYS), "answered_keys": len(ANSWERED_KEYS)}, out)
