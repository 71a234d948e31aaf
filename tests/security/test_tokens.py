"""Issue 10, item 2: API keys shown once, stored as digests, named, expiring, revocable, never someone else's."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from redcross import tokens
from redcross.models import ApiToken


def issue(client, holder, name="接口", days=90):
    return client.post("/portal/tokens/", {"holder": holder.pk, "name": name, "days": days})


def test_a_key_is_shown_once_and_stored_only_as_a_digest(personas, client, api_client):
    client.force_login(personas["city_admin"])
    page = issue(client, personas["partner"], name="应急管理局平台")
    key = page.context["new_key"]
    assert key in page.content.decode() and page["Cache-Control"].startswith("max-age=0")
    row = ApiToken.objects.get()
    assert key not in (row.digest, row.token_key) and len(row.digest) == 128
    assert row.name == "应急管理局平台" and row.issued_by == personas["city_admin"]
    assert timedelta(days=89) < row.expiry - timezone.now() <= timedelta(days=90)
    # Never again: the list shows the start of the key only.
    listing = client.get("/portal/tokens/").content.decode()
    assert key not in listing and "应急管理局平台" in listing and key[:8] in listing
    assert row.last_used_at is None
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/organizations/regions/?level=district").status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_nobody_obtains_a_key_that_acts_as_another_person(personas, client, api_client):
    """The reproduction: city_admin took finance's key and approved its own disbursement request."""
    client.force_login(personas["city_admin"])
    refused = issue(client, personas["finance"])
    assert refused.status_code == 400 and "new_key" not in refused.context
    assert not ApiToken.objects.filter(user=personas["finance"]).exists()
    # Nor through the service, nor for a district staffer, the auditor or a superuser.
    for holder in ("finance", "jinjiang", "auditor"):
        with pytest.raises(PermissionDenied):
            tokens.token_issue(actor=personas["city_admin"], holder=personas[holder], name="x", days=30)
    # A staffer gets keys for their own account only.
    client.force_login(personas["jinjiang"])
    assert issue(client, personas["partner"]).status_code == 400
    own = issue(client, personas["jinjiang"], name="区县系统")
    assert own.status_code == 200 and ApiToken.objects.get().user == personas["jinjiang"]


def test_nobody_issues_a_key_carrying_permissions_they_lack(personas):
    from django.contrib.auth.models import Group

    partner = personas["partner"]
    partner.groups.add(Group.objects.get(name="finance"))  # the account now holds finance's approval right
    partner = type(partner).objects.get(pk=partner.pk)
    assert not tokens.may_issue_for(personas["city_admin"], partner)
    with pytest.raises(PermissionDenied):
        tokens.token_issue(actor=personas["city_admin"], holder=partner, name="x", days=30)


def test_expired_and_revoked_keys_are_refused_and_kept_as_record(personas, api_client):
    token, key = tokens.token_issue(actor=personas["city_admin"], holder=personas["partner"], name="x", days=30)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/organizations/regions/?level=district").status_code == 200
    later = token.expiry + timedelta(seconds=1)  # the key was kept after its first use: it still expires on time
    with patch("redcross.tokens.timezone.now", return_value=later):
        assert api_client.get("/api/v1/organizations/regions/?level=district").status_code == 401
    token2, key2 = tokens.token_issue(actor=personas["city_admin"], holder=personas["partner"], name="y", days=30)
    tokens.token_revoke(actor=personas["city_admin"], token=token2)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key2}")
    assert api_client.get("/api/v1/organizations/regions/?level=district").status_code == 401
    assert ApiToken.objects.count() == 2  # both kept, with who revoked when
    assert ApiToken.objects.get(pk=token2.pk).revoked_by == personas["city_admin"]


def test_a_key_longer_than_a_year_or_without_a_name_is_refused(personas):
    from django.core.exceptions import ValidationError

    for name, days in (("", 30), ("x", 366), ("x", 0)):
        with pytest.raises(ValidationError):
            tokens.token_issue(actor=personas["partner"], holder=personas["partner"], name=name, days=days)


@pytest.mark.parametrize("header", ["Token \u7801\u7801", "Token " + "a" * 300, "Token a b", "Token"])
def test_a_malformed_key_is_401_not_500(personas, api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    response = api_client.get("/api/v1/organizations/regions/")
    assert response.status_code == 401 and "error" in response.json()


def test_a_staffer_cannot_revoke_someone_elses_key(personas, client):
    token, _key = tokens.token_issue(actor=personas["finance"], holder=personas["finance"], name="f", days=30)
    client.force_login(personas["jinjiang"])
    assert client.post("/portal/tokens/", {"revoke": token.token_key}).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def _queries(api_client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = api_client.get(url)
    assert response.status_code == 200, response.content[:200]
    return [query["sql"] for query in ctx.captured_queries]


def test_a_key_in_use_is_not_read_from_the_database_again_until_something_changes(personas, api_client):
    url = "/api/v1/organizations/regions/?level=district"
    _token, key = tokens.token_issue(actor=personas["city_admin"], holder=personas["partner"], name="x", days=30)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    first = _queries(api_client, url)
    assert any('FROM "redcross_apitoken"' in sql for sql in first)
    again = _queries(api_client, url)
    assert not any("redcross_apitoken" in sql or '"auth_user"' in sql for sql in again), again
    assert len(again) < len(first)
    # The city's administrator takes a permission from the partner's role: the next call reads everything afresh.
    group = personas["partner"].groups.first()
    group.permissions.remove(*group.permissions.filter(codename="view_region"))
    assert api_client.get(url).status_code == 403


REGIONS = "/api/v1/organizations/regions/?level=district"


def _kept_key(personas, api_client, name="x"):
    """A new key for the partner, used twice: the second call is answered from the kept key."""
    token, key = tokens.token_issue(actor=personas["city_admin"], holder=personas["partner"], name=name, days=30)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(REGIONS).status_code == 200
    assert api_client.get(REGIONS).status_code == 200
    return token, key


def test_a_kept_key_is_refused_at_once_when_revoked_or_its_holder_deactivated(personas, api_client):
    url = REGIONS
    token, _key = _kept_key(personas, api_client)
    tokens.token_revoke(actor=personas["city_admin"], token=token)
    assert api_client.get(url).status_code == 401
    _kept_key(personas, api_client, name="y")
    personas["partner"].is_active = False
    personas["partner"].save(update_fields=["is_active"])
    assert api_client.get(url).status_code == 401


def test_a_kept_key_holds_no_password_hash_and_a_wrong_secret_is_still_refused(personas, api_client):
    from django.core.cache import cache

    url = REGIONS
    token, key = _kept_key(personas, api_client)
    _generation, kept = cache.get(f"token:{token.token_key}")
    assert "password" not in kept.user.__dict__
    assert personas["partner"].password not in repr(vars(kept.user))
    # The same key's first characters with another secret: the kept digest does not match, and the database
    # holds no other key that does.
    forged = key[:-4] + ("0000" if not key.endswith("0000") else "1111")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {forged}")
    assert api_client.get(url).status_code == 401
