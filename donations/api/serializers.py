from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from donations.choices import DonorKind
from donations.models import AidCase, Allocation, Disbursement, Disclosure, Donation, Donor, Fund
from organizations.models import Region
from people.identifiers import DocumentType
from people.models import Person
from redcross.api.rows import row_method
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer


class DonorSerializer(ScopedModelSerializer):
    display_name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Donor
        fields = ["id", "kind", "display_name", "credit_code", "is_caring_enterprise", "publish_name",
                  "mobile_masked", "organization", "created_at"]
        read_only_fields = ["kind", "credit_code", "organization", "created_at"]


class DonorCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DonorKind.choices)
    name = serializers.CharField(max_length=200, label=_("name"))
    credit_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    is_caring_enterprise = serializers.BooleanField(required=False, default=False)
    publish_name = serializers.BooleanField(required=False, default=False)
    mobile = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    document_type = serializers.ChoiceField(choices=DocumentType.choices, required=False, default="resident_id")
    document_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), required=False,
                                          allow_null=True, default=None)

    def to_representation(self, instance):
        return DonorSerializer(instance, context=self.context).data


class FundSerializer(ScopedModelSerializer):
    balance = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Fund
        fields = ["id", "code", "name", "kind", "purpose", "organization", "community", "budget", "starts_on",
                  "ends_on", "status", "management_cost_rate", "received", "spent", "management_spent", "balance"]
        read_only_fields = ["status", "received", "spent", "management_spent"]
        validators = []


class DonationSerializer(ScopedModelSerializer):
    fund_name = serializers.CharField(source="fund.name", read_only=True)
    donor_name = serializers.SerializerMethodField()

    class Meta:
        model = Donation
        fields = ["id", "receipt_number", "status", "organization", "donor", "donor_name", "is_anonymous", "fund",
                  "fund_name", "kind", "channel", "amount", "goods_description", "goods_quantity", "goods_unit",
                  "received_on", "confirmed_at", "confirmed_via", "bank_reference", "receipt_declined",
                  "allocated", "note", "reverses", "created_at"]
        read_only_fields = ["receipt_number", "status", "organization", "received_on", "confirmed_at",
                            "confirmed_via", "bank_reference", "allocated", "reverses", "created_at"]
        validators = []

    @row_method("donor_id", "donor__kind", "donor__name")
    def get_donor_name(self, obj) -> str:
        """The donor's name as the donor record shows it; empty for a gift without a donor (an anonymous pledge)."""
        return str(obj.donor) if obj.donor_id else ""


class ConfirmSerializer(serializers.Serializer):
    received_on = serializers.DateField(required=False, label=_("received on"))
    bank_reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                           label=_("bank statement reference"))


class DonationReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, label=_("reason"))


class PaySerializer(serializers.Serializer):
    payment_reference = serializers.CharField(max_length=64, label=_("payment reference"))


class AllocationSerializer(ModelFieldsOnceSerializer):
    purpose = serializers.CharField(source="disbursement.purpose", read_only=True)
    beneficiary = serializers.CharField(source="disbursement.beneficiary_name", read_only=True)
    status = serializers.CharField(source="disbursement.status", read_only=True)
    correction = serializers.SerializerMethodField()
    date = serializers.DateTimeField(source="disbursement.approved_at", read_only=True)

    class Meta:
        model = Allocation
        fields = ["disbursement", "amount", "purpose", "beneficiary", "status", "correction", "date"]

    def get_correction(self, obj) -> bool:
        return obj.disbursement.reverses_id is not None


class DisbursementSerializer(ScopedModelSerializer):
    fund_name = serializers.CharField(source="fund.name", read_only=True)

    class Meta:
        model = Disbursement
        fields = ["id", "fund", "fund_name", "beneficiary_kind", "aid_case", "beneficiary_organization",
                  "beneficiary_name", "purpose", "amount", "allocate_from", "status", "requested_at",
                  "approved_at", "paid_at", "payment_reference", "reverses", "reason"]
        read_only_fields = ["status", "requested_at", "approved_at", "paid_at", "payment_reference", "reverses",
                            "reason"]
        validators = []


class AidCaseSerializer(ScopedModelSerializer):
    person_masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    situation = serializers.CharField(write_only=True, label=_("situation"))
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    class Meta:
        model = AidCase
        fields = ["id", "person", "person_masked_name", "organization", "region", "category", "situation",
                  "assistance", "opened_on"]
        read_only_fields = ["organization"]


class DisclosureSerializer(ScopedModelSerializer):
    class Meta:
        model = Disclosure
        fields = ["id", "kind", "fund", "organization", "title", "period_start", "period_end", "due_on",
                  "published_at", "figures"]


class PledgeSerializer(serializers.Serializer):
    fund = serializers.SlugRelatedField(slug_field="code",
                                        queryset=Fund.objects.filter(status="open").select_related("organization"),
                                        label=_("fund or project"))
    amount = serializers.CharField(max_length=20, label=_("amount (yuan)"))
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label=_("name"))
    mobile = serializers.CharField(max_length=20, label=_("mobile"))
    donor_kind = serializers.ChoiceField(choices=DonorKind.choices, default=DonorKind.INDIVIDUAL)
    credit_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    publish_name = serializers.BooleanField(required=False, default=False)
    is_anonymous = serializers.BooleanField(required=False, default=False)
    receipt_declined = serializers.BooleanField(required=False, default=False)


class PublicDonationSerializer(ModelFieldsOnceSerializer):
    """What the donor sees of their own gift: never the contact data, the name only as they gave it."""

    fund_name = serializers.CharField(source="fund.name", read_only=True)
    fund_code = serializers.CharField(source="fund.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Donation
        fields = ["receipt_number", "status", "kind", "channel", "amount", "goods_description", "received_on",
                  "fund_code", "fund_name", "organization_name", "receipt_declined", "allocated"]
