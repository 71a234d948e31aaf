"""Public pages of outreach/: the published stories of role models."""

from django.shortcuts import get_object_or_404
from django.views import generic

from outreach import selectors


class StoryListView(generic.ListView):
    template_name = "outreach/public_stories.html"
    paginate_by = 12

    def get_queryset(self):
        return selectors.published_stories()


class StoryView(generic.TemplateView):
    template_name = "outreach/public_story.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["story"] = get_object_or_404(selectors.published_stories(), pk=kwargs["pk"])
        return context
