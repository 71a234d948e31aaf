"""Public pages: disaster-prevention centres and AED stations near a chosen district and town (phone first)."""

from django.views import generic

from organizations import grassroots_selectors as selectors


class NearbyView(generic.TemplateView):
    template_name = "organizations/public_places.html"
    kind = "centres"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = self.request.GET.get("district", "")
        town = self.request.GET.get("town", "")
        districts = selectors.public_districts()
        towns = selectors.public_towns(district)
        if town and town not in {code for code, _name in towns}:
            town = ""
        finder = selectors.public_centres if self.kind == "centres" else selectors.public_aeds
        places = list(finder(district=district, town=town)[:200]) if district else []
        context.update(kind=self.kind, districts=districts, towns=towns, district=district, town=town,
                       places=places, chosen=bool(district))
        return context
