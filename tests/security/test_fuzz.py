"""The schemathesis fuzz of every API operation, in-process against the WSGI app (issue 10, build beyond).

Every operation of the committed openapi.yaml, anonymous and with a city administrator's API key: no answer is
a server error, and every documented answer matches its schema. The suite runs a bounded number of examples
(FUZZ_EXAMPLES, default 2 per operation and identity) so it fits CI; `make fuzz` runs 60 per operation.
"""

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CHECKS = [not_a_server_error, response_schema_conformance]

schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
schema.config.update(base_url="http://testserver")


def _application():
    from redcross.wsgi import application

    return application


schema.app = _application()

FUZZ = hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                           phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@pytest.fixture
def wsgi(settings, db):
    """The WSGI app inside the test's transaction: like Django's test client, requests keep the connection."""
    from django.core import signals
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schema.app
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_key(personas):
    """A city administrator's key, with some 锦江 records for the operations to find."""
    from redcross import tokens
    from tests.donations.samples import fund, gift
    from tests.volunteers.samples import signup

    gift(personas, fund(personas), "10.00")
    signup(personas)
    _token, key = tokens.token_issue(actor=personas["city_admin"], holder=personas["city_admin"], name="fuzz", days=1)
    return key


def _fuzzer(operation, identities, figures, failures):
    """The hypothesis test of one operation: each generated case sent as every identity."""
    from hypothesis import given

    label = f"{operation.method.upper()} {operation.path}"

    @FUZZ
    @given(case=operation.as_strategy())
    def run(case):
        for name, headers in identities.items():
            figures["cases"] += 1
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            except Exception as exc:  # noqa: BLE001 - collected, reported together below
                figures["server_errors"] += "Server error" in str(exc)
                failures.append(f"{name} {label}: {str(exc)[:600]}")
                raise

    return run


def test_every_operation_anonymous_and_as_city_administrator_never_answers_a_server_error(wsgi, admin_key, capsys):
    """One test over all operations (a test per operation would spend its time setting up, not fuzzing)."""
    identities = {"anonymous": {}, "city_admin": {"Authorization": f"Token {admin_key}"}}
    figures = {"operations": 0, "cases": 0, "server_errors": 0}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        figures["operations"] += 1

        run = _fuzzer(operation, identities, figures, failures)
        before = len(failures)
        try:
            run()
        except Exception:
            if len(failures) == before:
                raise  # not a finding of the fuzz: a broken test setup must not pass silently
    with capsys.disabled():
        print(f"\nfuzz: {figures['operations']} operations, {figures['cases']} cases, "
              f"{figures['server_errors']} server errors, {len(failures)} failures")
    assert figures["cases"] >= figures["operations"], figures
    assert not failures, "\n\n".join(failures[:10])
