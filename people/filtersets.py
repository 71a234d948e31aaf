import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from people import crypto
from people.choices import Sex
from people.identifiers import DocumentType, normalize_document_number, normalize_mobile
from people.models import Person
from redcross.ratelimits import check_lookup


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="full_name", lookup_expr="icontains", label=_("Name contains"))
    document_type = django_filters.ChoiceFilter(choices=DocumentType.choices, label=_("Document type"))
    document_number = django_filters.CharFilter(method="by_document", label=_("Document number (exact)"))
    mobile = django_filters.CharFilter(method="by_mobile", label=_("Mobile (exact)"))
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex"))
    region = RegionPrefixFilter(label=_("Region (code, includes subtree)"))
    born_after = django_filters.DateFilter(field_name="birth_date", lookup_expr="gte", label=_("Born from"))
    born_before = django_filters.DateFilter(field_name="birth_date", lookup_expr="lte", label=_("Born until"))

    class Meta:
        model = Person
        fields = ["q", "document_type", "document_number", "mobile", "sex", "region"]

    def filter_queryset(self, queryset):
        """Without the reveal permission a birth-date filter counts in whole years (it must not rebuild an ID)."""
        request = self.request
        if request is not None and not request.user.has_perm("people.reveal_personal_data"):
            data = self.form.cleaned_data
            if data.get("born_after"):
                data["born_after"] = data["born_after"].replace(month=1, day=1)
            if data.get("born_before"):
                data["born_before"] = data["born_before"].replace(month=12, day=31)
        return super().filter_queryset(queryset)

    def _count_identifier_search(self):
        """An exact search by ID number or mobile tells whether that person is registered: one limit per user,
        the same mechanism as the public lookups, for the API, the portal and its exports alike."""
        if self.request is not None:
            check_lookup(self.request, "people.identifier_search", settings.IDENTIFIER_SEARCH_RATES)

    def by_document(self, queryset, name, value):
        self._count_identifier_search()
        # Exact match through the keyed hash: the number is never stored in clear.
        doc_type = self.data.get("document_type") or DocumentType.RESIDENT_ID
        number = normalize_document_number(doc_type, value)
        return queryset.filter(document_number_hash=crypto.document_hash(number))

    def by_mobile(self, queryset, name, value):
        self._count_identifier_search()
        try:
            mobile = normalize_mobile(value)
        except Exception:
            return queryset.none()
        return queryset.filter(mobile_hash=crypto.mobile_hash(mobile))
