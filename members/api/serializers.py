from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from members.models import Contribution, DuesPayment, DuesRate, Member
from redcross.api.serializers import ModelFieldsOnceSerializer, ScopedModelSerializer


class MemberSerializer(ScopedModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Member
        fields = ["id", "number", "kind", "name", "society", "person", "unit", "organization", "contact_person",
                  "region", "joined_on", "status", "status_changed_on"]
        read_only_fields = ["number", "region", "status", "status_changed_on"]
        extra_kwargs = {"person": {"write_only": True}, "contact_person": {"write_only": True}}
        validators = []


class MemberWithdrawSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, label=_("withdrawn on"))


class DuesPaymentSerializer(ScopedModelSerializer):
    member_number = serializers.CharField(source="member.number", read_only=True)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, label=_("amount (yuan)"))

    class Meta:
        model = DuesPayment
        fields = ["id", "member", "member_number", "year", "amount", "paid_on", "method", "reference",
                  "receipt_number"]
        read_only_fields = ["receipt_number"]
        validators = []


class ContributionSerializer(ScopedModelSerializer):
    member_number = serializers.CharField(source="member.number", read_only=True)

    class Meta:
        model = Contribution
        fields = ["id", "member", "member_number", "kind", "contributed_on", "amount", "people", "description"]
        validators = []


class DuesRateSerializer(ModelFieldsOnceSerializer):
    class Meta:
        model = DuesRate
        fields = ["id", "year", "kind", "amount"]


class OutstandingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    name = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    people = serializers.IntegerField()
    contributions_count = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=14, decimal_places=2)
