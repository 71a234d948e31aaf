"""Public pages of 三献: how to register as a stem-cell or organ donor, the memorial wall, yearly figures.

Nothing here reads a person: figures are counts per year, the wall shows only
what the family agreed to publish.
"""

from django.core.cache import cache
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
        years = cache.get("sanxian:public_figures")
        if years is None:
            years = selectors.public_yearly_figures()
            cache.set("sanxian:public_figures", years, 300)
        context["years"] = years
        return context
