"""Public incident pages: the situation, the help given and the money received and spent — no personal data."""

from django.shortcuts import get_object_or_404
from django.views import generic

from emergency import selectors
from emergency.models import Incident


def _public():
    return Incident.objects.filter(is_public=True).select_related("region", "fund", "organization")


class IncidentListView(generic.ListView):
    template_name = "emergency/public_incidents.html"
    paginate_by = 20

    def get_queryset(self):
        return _public().order_by("-opened_at", "-id")


class IncidentView(generic.TemplateView):
    template_name = "emergency/public_incident.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = get_object_or_404(_public(), pk=kwargs["pk"])
        figures = selectors.incident_figures(incident)
        peak = max([s.affected for s in figures["sitreps"]] or [1]) or 1
        for sitrep in figures["sitreps"]:
            sitrep.width = round(100 * sitrep.affected / peak, 1)
        context.update(incident=incident, figures=figures,
                       regions=incident.regions.all(), steps=["monitoring", "responding", "recovery", "closed"])
        return context
