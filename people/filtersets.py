import django_filters
from django.utils.translation import gettext_lazy as _

from organizations.filters import RegionPrefixFilter
from people import crypto
from people.choices import Sex
from people.identifiers import DocumentType, normalize_document_number, normalize_mobile
from people.models import Person


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

    def by_document(self, queryset, name, value):
        # Exact match through the keyed hash: the number is never stored in clear.
        doc_type = self.data.get("document_type") or DocumentType.RESIDENT_ID
        number = normalize_document_number(doc_type, value)
        return queryset.filter(document_number_hash=crypto.document_hash(number))

    def by_mobile(self, queryset, name, value):
        try:
            mobile = normalize_mobile(value)
        except Exception:
            return queryset.none()
        return queryset.filter(mobile_hash=crypto.mobile_hash(mobile))
