from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from people.identifiers import DocumentType
from people.models import Person
from redcross.api.serializers import ScopedModelSerializer


class PersonSerializer(ScopedModelSerializer):
    """Personal data goes in clear and comes out masked; see the reveal action."""

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

    def get_warnings(self, obj) -> list[str]:
        return list(getattr(obj, "warnings", []))

    def validate_document_number(self, value):
        # Checked by the service, where the document type is known.
        return value


class PersonListSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "masked_name", "document_type", "document_number_masked", "birth_date", "sex",
                  "mobile_masked", "region", "region_name"]


class RevealRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, label=_("reason"))


class RevealResponseSerializer(serializers.Serializer):
    document_number = serializers.CharField()
    mobile = serializers.CharField()
