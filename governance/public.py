"""The published audit reports on /transparency/audits/ (红十字会法 Art. 22)."""

from django.views import generic

from governance import selectors


class PublicAuditListView(generic.TemplateView):
    """The yearly independent audit reports, as published (红十字会法 Art. 22)."""

    template_name = "governance/public_audits.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=selectors.published_audits(), **kwargs)
