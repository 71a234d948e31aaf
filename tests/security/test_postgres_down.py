"""PostgreSQL gone under a running server: what answers, what commits, and that nothing is lost after.

Issue 10, item 10 and its fault test. The test database refuses new connections and its open connections are cut
(ALLOW_CONNECTIONS false + pg_terminate_backend), all but this test's own: for the live server the database is
gone, while the session's connection survives to check the data and flush it after (stopping the shared server
would cut it too).

A file of its own, so that it runs last on its worker: cutting the connections also ends those a later test of
the same process would still hold (conftest.py's `pytest_collection_modifyitems` puts it last; pytest-xdist's
`--dist loadfile` hands out whole files in that order).
"""

from decimal import Decimal

import pytest
import requests

from tests.security.test_faults import a_gift_a_pledge_and_a_finance_key

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres_down():
    """For every connection but this test's own, the test database is gone until `start()` (and after the test).

    PostgreSQL refuses ALLOW_CONNECTIONS on the database one is connected to: the switch uses the server's
    `postgres` database.
    """
    import psycopg
    from django.db import connection

    conf = connection.settings_dict
    name = connection.ops.quote_name(conf["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]

    def admin(sql, params=None):
        where = {key: value for key, value in connection.get_connection_params().items()
                 if key in ("user", "password", "host", "port")}
        with psycopg.connect(dbname="postgres", autocommit=True, **where) as server:
            server.execute(sql, params)

    class Switch:
        def stop(self):
            admin(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                  [conf["NAME"], own])

        def start(self):
            admin(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")

    switch = Switch()
    yield switch
    switch.start()
    # Whatever this thread connected with during the outage may have been cut: the next test connects afresh.
    from django.db import connections

    connections.close_all()


PUBLIC_PAGES = ("/", "/transparency/", "/transparency/ledger.csv", "/volunteer/", "/volunteer/verify/?number=X1",
                "/training/", "/training/verify/", "/donate/", "/verify/")
PUBLIC_API = ("/api/v1/public/figures/", "/api/v1/donations/public/ledger/")
# Pages that must read the database. The donate form and the ledger page are not among them: redcross/pagecache.py
# serves them whole from Redis to a visitor without a session once they have been rendered, so they may answer 200
# while PostgreSQL is gone (the ledger's for as long as its stamp, read within the last second, is reused:
# donations.selectors.ledger_version_recent).
NEEDS_DATA = ("/transparency/ledger.csv", "/volunteer/verify/?number=X1")


def test_with_postgresql_gone_pages_and_api_answer_503_and_nothing_committed_is_lost_or_doubled(
        personas, live_server, postgres_down):
    from donations.models import Donation, Fund

    source, pending, key = a_gift_a_pledge_and_a_finance_key(personas)
    finance = {"Authorization": f"Token {key}"}
    base = live_server.url
    web = requests.Session()
    confirm_url = f"{base}/api/v1/donations/donations/{pending.pk}/confirm/"
    confirmed = web.post(confirm_url, json={"bank_reference": "BK-PG-1"}, headers=finance)
    assert confirmed.status_code == 200, confirmed.text
    receipt = confirmed.json()["receipt_number"]
    for path in PUBLIC_PAGES + PUBLIC_API:
        assert web.get(base + path).status_code == 200, path

    postgres_down.stop()
    answers = {}
    for path in PUBLIC_PAGES:
        page = web.get(base + path)
        answers[path] = page.status_code
        assert page.status_code in (200, 503), (path, page.status_code)  # one needing no data, or cached, answers
        assert "Traceback" not in page.text and "OperationalError" not in page.text, path
        if page.status_code == 503:
            assert page.headers["Content-Type"].startswith("text/html") and "Retry-After" in page.headers
            assert "<h1>503</h1>" in page.text, path
    assert {answers[path] for path in NEEDS_DATA} == {503}, answers
    for path in PUBLIC_API:
        answer = web.get(base + path)
        answers[path] = answer.status_code
        assert answer.status_code in (200, 503), (path, answer.status_code)  # the figures are kept in Redis
        if answer.status_code == 503:
            assert answer.json()["error"]["code"] == "service_unavailable" and "Retry-After" in answer.headers
    assert answers["/api/v1/donations/public/ledger/"] == 503, answers  # its stamp is read from PostgreSQL
    # A retried confirmation and a new pledge meet the fault: 503 in the API's shape, nothing half-written.
    retried = web.post(confirm_url, json={"bank_reference": "BK-PG-1"}, headers=finance)
    assert retried.status_code == 503 and set(retried.json()["error"]) == {"code", "message", "fields"}
    pledge = {"fund": source.code, "amount": "8.00", "name": "李善心", "mobile": "13900000123"}
    refused = web.post(f"{base}/api/v1/donations/public/pledges/", json=pledge,
                       headers={"Idempotency-Key": "pg-fault-1"})
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "service_unavailable"
    health = web.get(f"{base}/healthz")
    assert health.status_code == 503 and "postgresql" in health.json()["failing"]
    assert health.json()["checks"]["postgresql"].startswith("error")

    postgres_down.start()
    assert web.get(f"{base}/healthz").json()["checks"]["postgresql"] == "ok"
    for path in PUBLIC_PAGES + PUBLIC_API:
        assert web.get(base + path).status_code == 200, path
    # The client retries what failed: the confirmation is the same one, the pledge is made once.
    again = web.post(confirm_url, json={"bank_reference": "BK-PG-1"}, headers=finance)
    assert again.status_code == 200 and again.json()["receipt_number"] == receipt
    for _attempt in range(2):
        made = web.post(f"{base}/api/v1/donations/public/pledges/", json=pledge,
                        headers={"Idempotency-Key": "pg-fault-1"})
        assert made.status_code == 201, made.text
    assert Donation.objects.filter(pledge_key="pg-fault-1").count() == 1
    assert Donation.objects.filter(receipt_number=receipt).count() == 1
    ledger = web.get(f"{base}/api/v1/donations/public/ledger/?fund={source.code}").json()
    assert ledger["gifts"] == 2 and Decimal(ledger["income"]) == Decimal("123.45")
    assert Fund.objects.get(pk=source.pk).received == Decimal("123.45")
