"""Shapes of 三献 records: masked names, health details never in clear (a reveal action logs who looked)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from people.models import Person
from redcross.api.serializers import ScopedModelSerializer
from sanxian.choices import PledgeKind
from sanxian.models import BloodDrive, CareEvent, DonationPledge, MemorialEntry, StemCellDonor, StemCellEvent


class BloodDriveSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    activity_title = serializers.CharField(source="activity.title", read_only=True, default=None)

    class Meta:
        model = BloodDrive
        fields = ["id", "held_on", "place", "region", "region_name", "blood_centre", "organization", "activity",
                  "activity_title", "donors_registered", "units_collected", "figures_source", "notes"]
        read_only_fields = ["figures_source"]
        extra_kwargs = {"organization": {"required": False}}
        validators = []


class StemCellDonorSerializer(ScopedModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), write_only=True, label=_("person"))
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    consent = serializers.BooleanField(write_only=True, label=_("separate consent to the registry's use of health "
                                                                "data"))

    class Meta:
        model = StemCellDonor
        fields = ["id", "person", "masked_name", "drive", "region", "organization", "sampled_on", "status",
                  "consent"]
        read_only_fields = ["region", "organization", "status"]
        validators = []


class StemCellEventSerializer(ScopedModelSerializer):
    masked_name = serializers.CharField(source="donor.person.masked_name", read_only=True)
    details = serializers.CharField(source="details_masked", read_only=True)
    hospital = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200,
                                     label=_("hospital"))
    notes = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=2000,
                                  label=_("notes"))

    class Meta:
        model = StemCellEvent
        fields = ["id", "donor", "masked_name", "kind", "occurred_on", "details", "hospital", "notes"]
        validators = []


class DonationPledgeSerializer(ScopedModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), write_only=True, label=_("person"))
    masked_name = serializers.CharField(source="person.masked_name", read_only=True)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=PledgeKind.choices), allow_empty=False,
                                  label=_("pledged"))
    consent = serializers.BooleanField(write_only=True, label=_("separate consent to the use of data for the pledge"))
    witness_name = serializers.CharField(write_only=True, max_length=100,
                                         label=_("witness or family member informed"))
    realised_details = serializers.CharField(source="realised_details_masked", read_only=True)

    class Meta:
        model = DonationPledge
        fields = ["id", "person", "masked_name", "region", "organization", "kinds", "channel", "registered_on",
                  "consent", "witness_name", "witness_name_masked", "witness_relation", "status", "withdrawn_on",
                  "realised_on", "realised_details"]
        read_only_fields = ["region", "organization", "witness_name_masked", "status", "withdrawn_on",
                            "realised_on"]
        validators = []


class WithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(label=_("withdrawn on"))


class RealiseSerializer(serializers.Serializer):
    realised_on = serializers.DateField(label=_("realised on"))
    donated = serializers.ListField(child=serializers.ChoiceField(choices=PledgeKind.choices), allow_empty=False,
                                    label=_("donated"))
    hospital = serializers.CharField(required=False, allow_blank=True, default="", max_length=200,
                                     label=_("hospital"))
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000, label=_("notes"))


class RevealSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, label=_("reason"))


class RevealedStepSerializer(serializers.Serializer):
    kind = serializers.CharField()
    occurred_on = serializers.DateField()
    hospital = serializers.CharField()
    notes = serializers.CharField()


class StemCellRevealedSerializer(serializers.Serializer):
    """The answer of a stem-cell donor's reveal: every step with its details in clear."""

    events = RevealedStepSerializer(many=True, source="*")


class PledgeRevealedSerializer(serializers.Serializer):
    witness_name = serializers.CharField()
    donated = serializers.CharField()
    hospital = serializers.CharField()
    notes = serializers.CharField()


class CareEventSerializer(ScopedModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = CareEvent
        fields = ["id", "kind", "occurred_on", "title", "region", "region_name", "organization", "pledge", "families",
                  "notes"]
        extra_kwargs = {"organization": {"required": False}, "region": {"required": False}}
        validators = []


class MemorialEntrySerializer(ScopedModelSerializer):
    family_member = serializers.CharField(write_only=True, max_length=100, label=_("family member who consented"))
    consent = serializers.BooleanField(write_only=True, label=_("the family's consent to publish"))

    class Meta:
        model = MemorialEntry
        fields = ["id", "pledge", "display_name", "tribute", "year", "is_published", "family_member", "consent"]
        read_only_fields = ["year", "is_published"]
        validators = []


class FiguresRowSerializer(serializers.Serializer):
    district = serializers.CharField()
    year = serializers.IntegerField()
    drives = serializers.IntegerField()
    donors = serializers.IntegerField()
    units = serializers.DecimalField(max_digits=12, decimal_places=1)
    registrants = serializers.IntegerField()
    matches = serializers.IntegerField()
    donations = serializers.IntegerField()
    pledges = serializers.IntegerField()
    realised = serializers.IntegerField()
