"""The platform's own promises: settings, deployment description, health, API schema, errors."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from redcross import env
from redcross.tasks import HEARTBEAT_KEY

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    values = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "redcross.example.org",
        "DJANGO_SECRET_KEY": "x7#kP2m!qR9vL4nW8zT1yB6cF3hJ0dS5gA-uE_iO.pX/rMk2Lq",
        "DJANGO_ALLOW_ASYNC_UNSAFE": None,  # set for the browser tests only
        "DJANGO_SECURE_SSL_REDIRECT": None,  # set off for the tests over plain HTTP
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def manage(*args, environ):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environ=production_env())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_malformed_boolean_stops_the_process():
    result = manage("check", environ=production_env(DJANGO_DEBUG="ture"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ture' is not a boolean" in result.stderr


def test_the_encryption_key_is_required():
    result = manage("check", environ=production_env(FIELD_ENCRYPTION_KEY=None))
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY is required" in result.stderr


@pytest.mark.parametrize("value, expected", [("true", True), ("0", False), ("Yes", True), ("off", False)])
def test_booleans_parse_strictly(monkeypatch, value, expected):
    monkeypatch.setattr(env, "READ_VARIABLES", set())
    monkeypatch.setattr(env, "REQUIRED_VARIABLES", set())
    monkeypatch.setenv("SOME_FLAG", value)
    assert env.env_bool("SOME_FLAG") is expected
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env.env_bool("SOME_FLAG")


def test_docker_compose_describes_the_production_topology():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"proxy", "postgres", "redis", "web", "worker", "beat", "backup"}
    assert all(service.get("restart") == "unless-stopped" for service in services.values())
    # Only the TLS proxy is published, and Django trusts forwarded headers from its fixed address alone.
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    proxy_address = services["proxy"]["networks"]["default"]["ipv4_address"]
    assert services["web"]["environment"]["DJANGO_TRUSTED_PROXIES"] == proxy_address
    assert "pg_dump" in " ".join(services["backup"]["command"]) and "-Fc" in " ".join(services["backup"]["command"])
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "redcross", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "redcross", "beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    for name in ("web", "worker", "beat"):
        variables = set(services[name]["environment"])
        assert env.REQUIRED_VARIABLES <= variables, f"{name} lacks {env.REQUIRED_VARIABLES - variables}"
        assert variables <= env.READ_VARIABLES, f"{name} sets unknown {variables - env.READ_VARIABLES}"


def test_the_committed_openapi_schema_is_current():
    generated = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--lang", "en", stdout=generated)
    committed = (ROOT / "openapi.yaml").read_text()
    assert generated.getvalue() == committed, "run `make schema` and commit openapi.yaml"


@pytest.mark.django_db
def test_swagger_ui_is_served_without_a_cdn(client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    assert client.get("/api/schema/").status_code == 200


@pytest.mark.django_db
def test_healthz_names_the_worker_when_it_has_no_heartbeat(client):
    from django.core.cache import cache

    cache.delete(HEARTBEAT_KEY)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["postgresql"] == "ok"


@pytest.mark.django_db
def test_healthz_is_ok_with_a_fresh_heartbeat_and_fails_on_a_stale_one(client, settings):
    from django.core.cache import cache

    cache.set(HEARTBEAT_KEY, time.time(), None)
    assert client.get("/healthz").status_code == 200
    cache.set(HEARTBEAT_KEY, time.time() - settings.WORKER_HEARTBEAT_MAX_AGE - 5, None)
    response = client.get("/healthz")
    assert response.status_code == 503 and "worker" in response.json()["failing"]


@pytest.mark.django_db
def test_healthz_names_redis_when_it_is_down(client, monkeypatch):
    from redis.exceptions import ConnectionError

    from redcross import views

    class DownCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("Connection refused")

        get = set

    monkeypatch.setattr(views, "cache", DownCache())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "redis" in response.json()["failing"]


@pytest.mark.django_db
def test_healthz_names_the_database_when_it_is_down(client, monkeypatch):
    from django.db.backends.postgresql.base import DatabaseWrapper
    from django.db.utils import OperationalError

    def broken(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(DatabaseWrapper, "create_cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "postgresql" in response.json()["failing"]


@pytest.mark.django_db
def test_api_errors_have_one_shape(client):
    response = client.get("/api/v1/people/persons/")
    assert response.status_code in (401, 403)
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"}


@pytest.mark.django_db
def test_the_public_figures_endpoint_is_throttled(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "3/min"}}
    from rest_framework.settings import api_settings

    api_settings.reload()
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        address = f"10.{time.time_ns() % 250}.{os.getpid() % 250}.7"  # a fresh throttle history
        statuses = [client.get("/api/v1/public/figures/", REMOTE_ADDR=address).status_code for _ in range(4)]
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "120/min"}}
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429


@pytest.mark.django_db
def test_the_api_address_make_run_prints_answers_with_its_documentation_and_every_list(client, personas):
    """/api/v1/ is the address the banner prints: a district IT team opening it finds the docs, the schema, how to
    authenticate and every list, each of which answers a key's holder."""
    from rest_framework.test import APIClient

    answer = client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    body = answer.json()
    assert body["documentation"].endswith("/api/docs/") and body["schema"].endswith("/api/schema/")
    assert "Authorization: Token" in body["authentication"] and "/portal/tokens/" in body["authentication"]
    assert "签发密钥" in body["authentication"]  # in Chinese first, as the portal
    lists = {name: url for section in body["lists"].values() for name, url in section.items()}
    assert {"person", "volunteer", "donation", "certificate"} <= set(lists), sorted(lists)
    assert set(body["lists"]) >= {"people", "volunteers", "donations", "training", "emergency", "outreach"}
    reader = APIClient()
    reader.force_authenticate(personas["city_admin"])
    for name, url in ((name, url) for section in body["lists"].values() for name, url in section.items()):
        path = url.split("testserver", 1)[1]
        assert client.get(path).status_code in (401, 403), name  # listed, not readable without a key
        assert reader.get(path).status_code == 200, (name, path)


@pytest.mark.django_db
def test_a_throttled_lookup_says_when_to_come_back(client, settings):
    """The lookup API's limit (10 a minute an address): the eleventh asks to wait until the first leaves the
    minute, in the Retry-After header."""
    address = f"10.{time.time_ns() % 250}.{os.getpid() % 250}.9"
    body = {"receipt_number": "NO-SUCH-1", "mobile": "13900000001"}
    statuses = [client.post("/api/v1/donations/public/lookup/", body, content_type="application/json",
                            REMOTE_ADDR=address) for _ in range(11)]
    assert [r.status_code for r in statuses] == [404] * 10 + [429]
    assert 50 <= int(statuses[-1]["Retry-After"]) <= 60
