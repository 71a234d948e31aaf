from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from people.identifiers import DocumentType
from people.models import Person
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer


def may_reveal(context) -> bool:
    """Whether the caller may see what rebuilds an identity: full name and exact birth date (ARCHITECTURE.md, PIPL).

    A masked ID number hides exactly the birth-date digits, so a role without `reveal_personal_data` sees the
    age instead of the birth date, and the masked name instead of the full name.
    """
    request = context.get("request")
    return request is not None and request.user.has_perm("people.reveal_personal_data")


class WithheldDateField(serializers.DateField):
    """A date the caller may not see: the same field in the schema, always answered as null."""

    def to_representation(self, value):
        return None


class MaskedPersonMixin:
    """The fields are chosen per caller: without reveal, the birth date is withheld (the age stays).

    Choosing fields in `get_fields` (not in `to_representation`) keeps a list on the value-row path, planned once
    per `row_variant` (redcross/api/rows.py).
    """

    @staticmethod
    def row_variant(context) -> bool:
        """All that the choice of fields depends on: the value-row plan is kept per answer (redcross/api/rows.py)."""
        return may_reveal(context)

    def get_fields(self):
        fields = super().get_fields()
        if "birth_date" in fields and not may_reveal(self.context):
            original = fields["birth_date"]
            fields["birth_date"] = WithheldDateField(read_only=True, allow_null=True, label=original.label,
                                                     help_text=original.help_text)
        return fields


class PersonSerializer(MaskedPersonMixin, ScopedModelSerializer):
    """Personal data goes in clear and comes out masked; see the reveal action.

    Without `reveal_personal_data` the full name comes out masked and the birth date empty (the age stays).
    """

    document_number = serializers.CharField(write_only=True, max_length=32, label=_("document number"))
    mobile = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=20, label=_("mobile"))
    document_type = serializers.ChoiceField(choices=DocumentType.choices, default=DocumentType.RESIDENT_ID)
    masked_name = serializers.CharField(read_only=True)
    age = serializers.IntegerField(read_only=True, allow_null=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "masked_name", "document_type", "document_number", "document_number_masked",
            "birth_date", "age", "sex", "mobile", "mobile_masked", "region", "region_name", "warnings",
            "created_at", "updated_at",
        ]
        read_only_fields = ["document_number_masked", "birth_date", "sex", "mobile_masked", "created_at", "updated_at"]
        validators = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if "full_name" in data and not may_reveal(self.context):
            data["full_name"] = instance.masked_name
        return data

    def get_warnings(self, obj) -> list[str]:
        return list(getattr(obj, "warnings", []))

    def validate_document_number(self, value):
        # Checked by the service, where the document type is known.
        return value


class PersonListSerializer(MaskedPersonMixin, ModelFieldsOnceSerializer):
    """A person in a list, masked; without `reveal_personal_data` the birth date is null (the age stays)."""

    age = serializers.IntegerField(read_only=True, allow_null=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "masked_name", "document_type", "document_number_masked", "birth_date", "age", "sex",
                  "mobile_masked", "region", "region_name"]


class RevealRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, label=_("reason"))


class RevealResponseSerializer(serializers.Serializer):
    document_number = serializers.CharField()
    mobile = serializers.CharField()
