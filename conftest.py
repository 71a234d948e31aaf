import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production settings are tested as they are, but over plain HTTP on localhost.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # PBKDF2's million rounds cost a quarter second per persona.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from redcross.celery import app

    app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from donations.selectors import forget_open_funds, forget_recent_stamps

    forget_recent_stamps()  # in this process, not in Redis: forgotten even when Redis is down
    forget_open_funds()
    try:
        cache.delete_many(["public_figures", "outreach:home"])
        from redcross.pagecache import forget_all

        forget_all()
    except Exception:
        pass
    _forget_rate_limits()
    yield


def _forget_rate_limits():
    """Each test starts with no attempts counted (the limits live in Redis, outside the test transaction)."""
    from django.core.cache import caches

    limits = caches["ratelimit"]
    try:
        client = limits._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{limits.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception:
        pass
    if limits._memory is not None:
        limits._memory.clear()


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings,
                    django_db_keepdb):
    """The test database, copied from a template that is migrated once and holds the roles and 3,347 regions.

    See tests/database.py. pytest-django runs transactional tests last; they flush the tables, and
    `platform_data` loads the regions again for the ones that follow.
    """
    from organizations.services import regions_load
    from redcross.roles import sync_roles
    from tests.database import setup_test_database, teardown_test_database

    with django_db_blocker.unblock():
        original_name = setup_test_database(keepdb=django_db_keepdb)
        # Both are idempotent and cheap on the template's copy; they keep a session right if the roles
        # or the region files changed since the template was made.
        sync_roles()
        regions_load()
    yield
    with django_db_blocker.unblock():
        teardown_test_database(original_name, keepdb=django_db_keepdb)


@pytest.fixture
def platform_data(db):
    """Roles and Chengdu's real regions (loaded once; re-loaded after a flushing test)."""
    from organizations.models import Region
    from organizations.services import regions_load
    from redcross.roles import sync_roles

    sync_roles()
    if not Region.objects.exists():
        regions_load()


@pytest.fixture
def personas(platform_data):
    """city admin, 锦江 staffer (owns the data), 青羊 staffer (must see nothing of 锦江), auditor, organiser."""
    from redcross.testing import CHUNXILU, CITY, JINJIANG, QINGYANG, OrganizationKind, make_staff, society

    city = society(CITY, OrganizationKind.CITY_SOCIETY)
    jinjiang = society(JINJIANG, OrganizationKind.DISTRICT_SOCIETY)
    qingyang = society(QINGYANG, OrganizationKind.DISTRICT_SOCIETY)
    chunxilu = society(CHUNXILU, OrganizationKind.TOWN_ORGANIZATION)
    return {
        "city_admin": make_staff("t_city_admin", city, "city_admin"),
        "jinjiang": make_staff("t_jinjiang", jinjiang, "district_staff"),
        "qingyang": make_staff("t_qingyang", qingyang, "district_staff"),
        "auditor": make_staff("t_auditor", city, "auditor"),
        "organiser": make_staff("t_organiser", chunxilu, "organiser"),
        "finance": make_staff("t_finance", city, "finance"),
        "partner": make_staff("t_partner", city, "partner_agency"),
        "orgs": {"city": city, "jinjiang": jinjiang, "qingyang": qingyang, "chunxilu": chunxilu},
    }


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.force_authenticate(user=user)
        return api_client

    return login


@pytest.fixture
def one_window(monkeypatch):
    """A test's attempts all fall in one of django-ratelimit's fixed windows, as a quick guesser's do.

    Its windows are fixed minutes (shifted per key): a walk that crossed a window's end split its attempts between
    two counts, each under the limit, and was answered every time (seen once in tests/security/test_bruteforce.py:
    15 volunteer status lookups against 10 a minute, all answered).
    """
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def plain_static(settings):
    """Browser tests: the live server finds static files by name; hashed manifest names need collectstatic."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def pytest_collection_modifyitems(session, config, items):
    """The tests that cut PostgreSQL off (tests/security/test_postgres_down.py's `postgres_down`) run last.

    pg_terminate_backend also ends connections a later test may still hold (a browser test's first query then met
    'terminating connection due to administrator command' in the full run), so nothing runs after them.
    """
    items.sort(key=lambda item: "postgres_down" in getattr(item, "fixturenames", ()))
