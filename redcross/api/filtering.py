from django_filters.rest_framework import DjangoFilterBackend


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, not run when the request names no filter.

    With no filter in the query string the filter set returns the queryset as it came (every empty value is
    skipped), but building and validating its form cost more than reading the page itself.
    """

    not_filters = frozenset({"cursor", "page_size", "ordering", "format"})

    def filter_queryset(self, request, queryset, view):
        if not set(request.query_params).difference(self.not_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)
