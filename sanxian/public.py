"""Public pages of 三献: how to register as a stem-cell or organ donor, the memorial wall, yearly figures.

Nothing here reads a person: figures are counts per year, the wall shows only
what the family agreed to publish.
"""

from django.core.cache import cache
from django.db import connection
from django.views import generic

from organizations.models import Organization
from sanxian import selectors


class GuideView(generic.TemplateView):
    template_name = "sanxian/public_guide.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["societies"] = (Organization.objects.filter(kind__in=["city_society", "district_society"],
                                                            is_active=True, region__code__startswith="5101")
                                .select_related("region").only("name", "premises_address", "contact_phone",
                                                               "region__name", "kind")
                                .order_by("region_id"))
        return context


class MemorialWallView(generic.ListView):
    template_name = "sanxian/public_memorial.html"
    paginate_by = 60

    def get_queryset(self):
        return selectors.memorial_wall()


class FiguresView(generic.TemplateView):
    template_name = "sanxian/public_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Yearly counts change slowly: five minutes old is fresh enough. The key names the database, so a demo
        # and a benchmark or test database behind one Redis never read each other's figures.
        key = f"sanxian:public_figures:{connection.settings_dict['NAME']}"
        years = cache.get(key)
        if years is None:
            years = selectors.public_yearly_figures()
            cache.set(key, years, 300)
        context["years"] = years
        return context
