"""A per-address limit for public lookup forms (pledges, bookings): the form comes back with a message and 429."""

from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


class LimitedLookupMixin:
    """On a FormView: at most `lookup_rate` POSTs per address; `lookup_group` names the counter."""

    lookup_rate = "20/m"
    lookup_group = ""

    def post(self, request, *args, **kwargs):
        if is_ratelimited(request, group=self.lookup_group or type(self).__qualname__, key="ip",
                          rate=self.lookup_rate, method="POST", increment=True):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Too many attempts from this address; try again in a minute."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
