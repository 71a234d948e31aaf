"""The plan board (/portal/plan/), its PDF, and the public subset (/plan/)."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from redcross import targets as registry
from redcross.documents import titled_document
from redcross.plan import selectors
from redcross.plan.services import LEVEL_DEPTH
from redcross.scoping import region_in_scope, user_scope_prefix


def status_label(status):
    return {"good": _("On track"), "near": _("Close to the line"), "behind": _("Behind"),
            "none": _("No figure yet")}[status]


def fmt(value, target):
    if value is None:
        return "—"
    suffix = {"percent": "%", "per_thousand": "‰"}.get(target.unit, "")
    return f"{value.normalize():f}{suffix}" if value == value.to_integral() else f"{value:f}{suffix}"


class BoardMixin:
    def board(self, user, *, region_code=None, target_code=None, targets=None):
        targets = targets if targets is not None else registry.all_targets()
        home = selectors.home_region_code(user) if user is not None else settings.REDCROSS["CITY_REGION_CODE"]
        region_code = region_code or home
        if home is None or (user is not None and not region_in_scope(user, region_code)):
            raise Http404
        Region = apps.get_model("organizations", "Region")
        region = Region.objects.filter(code=region_code, is_home_city=True).first()
        if region is None:
            raise Http404
        by_code = {t.code: t for t in targets}
        chosen = by_code.get(target_code) or (targets[0] if targets else None)
        run = selectors.latest_run()
        day = run[0]
        codes = [t.code for t in targets]
        figures = selectors.cached(("figures", region.code, *codes), run=run, compute=lambda: selectors.figures_at(
            region_code=region.code, day=day, codes=codes))
        rows = selectors.target_rows(region_code=region.code, day=day, targets=targets, figures=figures)
        depth = LEVEL_DEPTH.get(region.level, 9)
        for row in rows:
            row["shown"] = fmt(row["value"], row["target"])
            row["line_shown"] = fmt(row["line"], row["target"])
            row["status_label"] = status_label(row["status"])
            if depth > LEVEL_DEPTH[row["target"].level]:
                row["status_label"] = _("Not counted at this level")
        return {
            "region": region, "day": day, "rows": rows, "sections": selectors.sections(rows), "chosen": chosen,
            "targets": targets, "run": run,
        }


    def chart_data(self, data, *, user):
        """What the page's ECharts read (through json_script): the map per target, trends, titles, units."""
        return {"charts": {
            "map": selectors.cached(
                ("map", user_scope_prefix(user) if user is not None else "public", *[t.code for t in data["targets"]]),
                run=data["run"], compute=lambda: selectors.district_map(targets=data["targets"], day=data["day"],
                                                                        user=user)),
            "trends": {row["code"]: row["trend"] for row in data["rows"]},
            "titles": {t.code: str(t.title) for t in data["targets"]},
            "units": {t.code: {"percent": "%", "per_thousand": "‰"}.get(t.unit, "") for t in data["targets"]},
            "lines": {row["code"]: float(row["line"]) for row in data["rows"]},
            "chosen": data["chosen"].code if data["chosen"] else "",
        }}


class BoardView(LoginRequiredMixin, PermissionRequiredMixin, BoardMixin, generic.TemplateView):
    permission_required = "plan.view_targetsnapshot"
    raise_exception = True
    template_name = "plan/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        data = self.board(user, region_code=self.request.GET.get("region"),
                          target_code=self.request.GET.get("target"))
        chosen, day = data["chosen"], data["day"]
        drilling = bool(self.request.GET.get("target"))
        kids = selectors.children(target=chosen, region=data["region"], day=day, user=user) \
            if chosen and drilling else []
        for kid in kids:
            kid["shown"] = fmt(kid["value"], chosen)
            kid["status_label"] = status_label(kid["status"])
        crumbs = selectors.breadcrumb(data["region"].code, user) \
            if drilling or self.request.GET.get("region") else [data["region"]]
        context.update(data, title=_("Plan board"), children=kids, drilling=drilling, crumbs=crumbs,
                       **self.chart_data(data, user=user))
        return context


class BoardPdfView(LoginRequiredMixin, PermissionRequiredMixin, BoardMixin, generic.View):
    """The board as an A4 PDF for a board meeting: every target at the chosen region with its line and status."""

    permission_required = "plan.view_targetsnapshot"
    raise_exception = True

    def get(self, request):
        data = self.board(request.user, region_code=request.GET.get("region"))
        header = [_("Action plan"), _("Target"), _("Value"), _("Target line"), _("Status")]
        body = [[str(registry.ActionPlan(row["target"].plan).label), str(row["target"].title), row["shown"],
                 row["line_shown"], row["status_label"]] for row in data["rows"]]
        day = data["day"].isoformat() if data["day"] else "—"
        pdf = titled_document(
            title=_("Five-year plan: progress of the targets"),
            subtitle=f"{data['region'].name} · {_('as of')} {day}",
            rows=[(_("Region"), data["region"].name), (_("Figures as of"), day),
                  (_("Targets"), str(len(data["rows"])))],
            table=(header, body),
            footer=_("Printed %(when)s from the plan board; figures are the worker's daily snapshots.")
            % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="plan-board-{data["region"].code}-{day}.pdf"'
        return response


class PublicPlanView(BoardMixin, generic.TemplateView):
    """The public subset: targets marked public, at the city and its districts only."""

    template_name = "plan/public.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = settings.REDCROSS["CITY_REGION_CODE"]
        region_code = self.request.GET.get("region") or city
        if region_code != city and not (region_code.endswith("000000") and region_code.startswith(city[:4])):
            raise Http404
        targets = selectors.public_targets()
        data = self.board(None, region_code=region_code, target_code=self.request.GET.get("target"),
                          targets=targets)
        if data["region"].level not in ("city", "district"):
            raise Http404
        chosen = data["chosen"]
        Region = apps.get_model("organizations", "Region")
        districts = []
        if chosen and data["day"]:
            from redcross.plan.models import TargetSnapshot

            values = dict(TargetSnapshot.objects.filter(target=chosen.code, day=data["day"], region__parent_id=city)
                          .values_list("region_id", "value"))
            for district in Region.objects.filter(parent_id=city).order_by("code"):
                districts.append({"region": district, "shown": fmt(values.get(district.code), chosen)})
        context.update(data, title=_("The five-year plan in figures"), districts=districts,
                       **self.chart_data(data, user=None))
        return context
