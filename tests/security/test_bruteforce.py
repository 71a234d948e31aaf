"""Every public lookup, verification and sign-in door stops a guesser from one address (issue 10, items 4, 6, 14);
the staff's exact search by ID number stops a signed-in prober the same way.

The walk fires more attempts than the door's limit from one address and expects 429 before the end, while
another address is still answered. A new public door must be added to DOORS (the last test checks the URLconf).
"""

import secrets

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def address():
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"


def guess(n):
    return f"5101042026{n:06d}"


# (name, method, url(n), data(n), attempts)
DOORS = [
    ("gift lookup page", "post", lambda n: "/transparency/lookup/",
     lambda n: {"receipt_number": guess(n), "mobile": "13900000001"}, 15),
    ("receipt verification", "get", lambda n: f"/transparency/receipts/{guess(n)}/", None, 40),
    ("training certificate check", "get", lambda n: f"/training/verify/?number={guess(n)}", None, 40),
    ("training certificate by QR", "get", lambda n: f"/training/verify/{guess(n)}/", None, 40),
    ("volunteer certificate check", "get", lambda n: f"/volunteer/verify/?number={guess(n)}", None, 40),
    ("volunteer status lookup", "post", lambda n: "/volunteer/status/",
     lambda n: {"document_type": "resident_id", "document_number": "510104199001010011", "mobile": f"139{n:08d}"}, 15),
    ("volunteer application", "post", lambda n: "/volunteer/apply/", lambda n: {"full_name": f"猜{n}"}, 15),
    ("gift lookup API", "post", lambda n: "/api/v1/donations/public/lookup/",
     lambda n: {"receipt_number": guess(n), "mobile": "13900000001"}, 15),
    ("certificate API", "get", lambda n: f"/api/v1/training/verify/{guess(n)}/", None, 15),
    ("portal sign-in", "post", lambda n: "/portal/login/",
     lambda n: {"username": "t_jinjiang" if n < 999 else "t_qingyang", "password": f"x{n}"}, 8),
    ("admin sign-in", "post", lambda n: "/admin/login/",
     lambda n: {"username": "admin" if n < 999 else "t_auditor", "password": f"x{n}"}, 8),
]


def attempt(client, method, url, data):
    if method == "get":
        return client.get(url)
    if url.startswith("/api/"):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize("name, method, url, data, attempts", DOORS, ids=[door[0] for door in DOORS])
def test_a_guesser_is_stopped_at_every_door(personas, one_window, name, method, url, data, attempts):
    guesser = Client(REMOTE_ADDR=address())
    statuses = [attempt(guesser, method, url(n), data(n) if data else None).status_code for n in range(attempts)]
    assert 429 in statuses or 403 in statuses[-2:], f"{name}: {statuses}"
    first_stop = next(i for i, status in enumerate(statuses) if status in (429, 403))
    assert all(status in (429, 403) for status in statuses[first_stop:]), f"{name}: {statuses}"
    # Someone else (another address, and for sign-in another account) is still served.
    assert attempt(Client(REMOTE_ADDR=address()), method, url(999), data(999) if data else None).status_code < 429


def test_the_qr_check_in_door_is_limited(personas, one_window):
    from tests.volunteers.samples import activity

    door = activity(personas)
    guesser = Client(REMOTE_ADDR=address())
    statuses = [guesser.post(f"/volunteer/checkin/{door.checkin_code}/", {"number": f"9{n}", "mobile": "13900000001"})
                .status_code for n in range(25)]
    assert 429 in statuses


PUBLIC_PREFIXES = ("transparency/", "training/", "volunteer/", "api/v1/donations/public/", "api/v1/training/verify/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_public_lookup_route_is_in_the_walk():
    """Routes that look something up by a number or code anyone could guess: each has its door above."""
    routes = [route for route in _walk(get_resolver().url_patterns) if route.startswith(PUBLIC_PREFIXES)]
    lookups = {route for route in routes if any(word in route for word in ("verify", "lookup", "receipts/<",
                                                                            "status/", "checkin"))}
    covered = {"transparency/lookup/", "transparency/receipts/<str:number>/", "training/verify/",
               "training/verify/<str:number>/", "volunteer/verify/", "volunteer/status/",
               "volunteer/checkin/<str:code>/", "api/v1/donations/public/lookup/",
               "api/v1/training/verify/<str:number>/"}
    # Receipt PDFs need a signed token; the self-service pages need the session a status lookup opened.
    exempt = {"transparency/receipts/<str:number>/pdf/", "volunteer/status/signup/<int:pk>/",
              "volunteer/status/correction/<int:pk>/", "volunteer/status/certificate/"}
    assert lookups - covered - exempt == set()


def test_a_staffer_probing_id_numbers_is_stopped_in_the_api_and_the_portal(personas, settings):
    """The exact search by ID number tells whether someone is registered: counted per user like a public lookup."""
    from rest_framework.test import APIClient

    from people import services
    from redcross.testing import person_factory_kwargs, valid_id

    assert settings.IDENTIFIER_SEARCH_RATES == ("20/m", "300/h")  # the default: every rate must hold
    # Here an hourly rate stops the walk: a minute's window may turn over while a busy machine answers 20 requests.
    settings.IDENTIFIER_SEARCH_RATES = ("1000/m", "8/h")
    known = services.person_create(**person_factory_kwargs(41, "510104022000"))
    number = person_factory_kwargs(41, "510104022000")["document_number"]
    staffer = APIClient()
    staffer.force_authenticate(user=personas["jinjiang"])
    url = "/api/v1/people/persons/"
    statuses = [staffer.get(url, {"document_number": valid_id("510104", "19700101", f"{n:03d}")}).status_code
                for n in range(8)]
    assert statuses == [200] * 8
    stopped = staffer.get(url, {"document_number": number})
    assert stopped.status_code == 429 and stopped.json()["error"]["code"] == "throttled"
    assert "Retry-After" in stopped.headers
    assert staffer.get(url, {"mobile": "13800000041"}).status_code == 429  # the mobile is the same kind of search
    assert staffer.get(url).status_code == 200  # the list itself is not limited
    # The portal and its export count on the same counter: the same staffer is stopped there too.
    portal = Client()
    portal.force_login(personas["jinjiang"])
    page = portal.get("/portal/people/", {"document_number": number})
    assert page.status_code == 429 and known.masked_name not in page.content.decode()
    assert portal.get("/portal/people/", {"document_number": number, "export": "csv"}).status_code == 429
    # Another staffer is still answered, and finds the person.
    other = APIClient()
    other.force_authenticate(user=personas["city_admin"])
    found = other.get(url, {"document_number": number})
    assert found.status_code == 200 and [row["id"] for row in found.json()["results"]] == [known.pk]
