import time
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from organizations.selectors import public_figures
from redcross.api.throttles import PublicThrottle
from redcross.cache import redis_ping
from redcross.pagecache import public_page
from redcross.routes import named_routes
from redcross.tasks import HEARTBEAT_KEY


def healthz(request):
    """200 when PostgreSQL, Redis and the worker heartbeat are all fine; 503 naming what is not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["postgresql"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is a failed check
        checks["postgresql"] = f"error: {exc.__class__.__name__}"
    heartbeat = None
    try:
        redis_ping()
        heartbeat = cache.get(HEARTBEAT_KEY)
        checks["redis"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = f"error: {exc.__class__.__name__}"
    if checks["redis"] != "ok":
        checks["worker"] = "unknown: Redis is down"
    elif heartbeat is None:
        checks["worker"] = "error: no heartbeat yet"
    else:
        age = time.time() - float(heartbeat)
        limit = settings.WORKER_HEARTBEAT_MAX_AGE
        checks["worker"] = "ok" if age <= limit else f"error: last heartbeat {int(age)}s ago"
    failing = [name for name, value in checks.items() if value != "ok"]
    body = {"status": "ok" if not failing else "fail", "checks": checks, "failing": failing}
    return JsonResponse(body, status=200 if not failing else 503)


@method_decorator(public_page("home", timeout=60), name="dispatch")
class PublicHomeView(generic.TemplateView):
    """Figures cached 60 s by their selectors; the whole page too, and at once anew when culture news changes."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = public_figures()
        from volunteers.selectors import public_volunteer_figures

        context["volunteer_figures"] = public_volunteer_figures()
        from outreach.selectors import home_culture

        context["culture"] = home_culture()
        return context


@extend_schema(
    responses=inline_serializer(
        "PublicFigures",
        {
            "organizations": serializers.IntegerField(),
            "member_units": serializers.IntegerField(),
            "districts": serializers.IntegerField(),
            "towns": serializers.IntegerField(),
            "communities": serializers.IntegerField(),
            "town_rate": serializers.FloatField(),
            "community_rate": serializers.FloatField(),
            "as_of": serializers.DateField(allow_null=True),
            "district_coverage": inline_serializer("PublicDistrictCoverage", {
                "name": serializers.CharField(),
                "town_rate": serializers.FloatField(),
                "community_rate": serializers.FloatField(),
            }, many=True),
        },
    )
)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle])
def public_figures_api(request):
    """Live public figures: organisations and grassroots coverage (no login, throttled)."""
    return Response(public_figures())


public_figures_api.cls.throttle_scope = "public"


@once
def _api_lists() -> dict:
    """{section: {name: path}}: every list of the API (a router's `…-list`, without arguments), from the URLconf."""
    found: dict = {}
    for name, pattern in named_routes():
        if name.endswith("-list") and not pattern.pattern.regex.groups:
            path = reverse(name)
            if path.startswith("/api/v1/"):
                found.setdefault(path.split("/")[3], {})[pattern.name.removesuffix("-list")] = path
    return {section: dict(sorted(lists.items())) for section, lists in sorted(found.items())}


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PublicThrottle])
def api_root(request):
    """The API's front door (the address `make run` prints): its documentation, schema, how to authenticate, and
    every list by section. Listing is public; reading any list needs a key."""
    absolute = request.build_absolute_uri
    return Response({
        "name": "成都智慧红十字会平台 REST API", "version": "v1",
        "documentation": absolute(reverse("swagger-ui")), "schema": absolute(reverse("schema")),
        "authentication": _("Send `Authorization: Token <key>`; staff issue keys in the portal at %(url)s.")
        % {"url": absolute(reverse("portal:tokens"))},
        "lists": {section: {name: absolute(path) for name, path in lists.items()}
                  for section, lists in _api_lists().items()},
    })


api_root.cls.throttle_scope = "public"


def verify(request):
    """One verification page for every number the platform issues: certificates of both kinds and receipts."""
    from django_ratelimit.core import is_ratelimited

    from redcross import verification

    number = verification.normalise(request.GET.get("number", ""))
    context = {"number": number, "kinds": verification.kinds(), "searched": bool(number)}
    status = 200
    if number:
        if is_ratelimited(request, group="redcross.verify", key="ip", rate="30/m", method="GET", increment=True):
            context.update(searched=False, limited=True)
            status = 429
        else:
            verifier, result = verification.verify(number)
            context.update(verifier=verifier, result=result)
            status = 200 if result is not None else 404
    return render(request, "public/verify.html", context, status=status)


def short_verify(request, number):
    """The short address printed under a document's QR code: /v/<number> opens the verification page."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.urls import reverse

    return redirect(reverse("verify") + "?" + urlencode({"number": number[:40]}))
