from organizations.api.grassroots import PublicListView, RecordOnlyViewSet, RegisterViewSet
from outreach import selectors, services
from outreach.api.serializers import (
    CampaignSerializer,
    CareRecipientSerializer,
    CareRecordSerializer,
    CultureSquareSerializer,
    PublicStorySerializer,
    StoryConsentSerializer,
    StorySerializer,
    VillageCompactSerializer,
    YouthActivitySerializer,
    YouthCentreSerializer,
)
from outreach.filtersets import (
    CampaignFilterSet,
    CareRecipientFilterSet,
    CareRecordFilterSet,
    CultureSquareFilterSet,
    StoryFilterSet,
    VillageCompactFilterSet,
    YouthActivityFilterSet,
    YouthCentreFilterSet,
)
from outreach.models import (
    Campaign,
    CareRecipient,
    CareRecord,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)
from redcross.api.viewsets import service_action


class CultureSquareViewSet(RegisterViewSet):
    queryset = CultureSquare.objects.all()
    serializer_class = CultureSquareSerializer
    filterset_class = CultureSquareFilterSet
    ordering_fields = ["id", "opened_on"]
    write_services = {"create": services.square_save, "update": services.square_save}
    service_object_name = "square"


class StoryViewSet(RegisterViewSet):
    """Stories of role models; publication needs the person's consent (`consent`) and an approver (`approve`)."""

    queryset = Story.objects.all()
    serializer_class = StorySerializer
    filterset_class = StoryFilterSet
    ordering_fields = ["id", "published_at"]
    write_services = {"create": services.story_save, "update": services.story_save}

    @service_action(services.story_record_consent, body=StoryConsentSerializer, answer=StorySerializer,
                    permission="outreach.change_story")
    def consent(self, request, pk=None):
        """Record the person's separate consent to publication (a guardian's for a minor)."""

    @service_action(services.story_approve, answer=StorySerializer, permission="outreach.change_story")
    def approve(self, request, pk=None):
        """Approve a draft (someone other than its writer)."""

    @service_action(services.story_publish, answer=StorySerializer, permission="outreach.change_story")
    def publish(self, request, pk=None):
        """Publish an approved story; refused without the person's consent."""


class YouthCentreViewSet(RegisterViewSet):
    queryset = YouthCentre.objects.all()
    serializer_class = YouthCentreSerializer
    filterset_class = YouthCentreFilterSet
    ordering_fields = ["id"]
    write_services = {"create": services.youth_centre_save, "update": services.youth_centre_save}
    service_object_name = "centre"


class YouthActivityViewSet(RecordOnlyViewSet):
    queryset = YouthActivity.objects.all()
    serializer_class = YouthActivitySerializer
    filterset_class = YouthActivityFilterSet
    ordering_fields = ["id", "held_on"]
    write_services = {"create": services.youth_activity_record}


class CampaignViewSet(RegisterViewSet):
    queryset = Campaign.objects.all()
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    ordering_fields = ["id", "held_on"]
    write_services = {"create": services.campaign_save, "update": services.campaign_save}


class VillageCompactViewSet(RegisterViewSet):
    queryset = VillageCompact.objects.all()
    serializer_class = VillageCompactSerializer
    filterset_class = VillageCompactFilterSet
    ordering_fields = ["id", "adopted_on"]
    write_services = {"create": services.compact_save, "update": services.compact_save}
    service_object_name = "compact"


class CareRecipientViewSet(RegisterViewSet):
    queryset = CareRecipient.objects.all()
    serializer_class = CareRecipientSerializer
    filterset_class = CareRecipientFilterSet
    ordering_fields = ["id"]
    write_services = {"create": services.care_recipient_save, "update": services.care_recipient_save}
    service_object_name = "recipient"


class CareRecordViewSet(RecordOnlyViewSet):
    """Care given; the notes are written encrypted and never read back through the API."""

    queryset = CareRecord.objects.all()
    serializer_class = CareRecordSerializer
    filterset_class = CareRecordFilterSet
    ordering_fields = ["id"]
    write_services = {"create": services.care_record_add}


class PublicStoryList(PublicListView):
    """Published stories of role models (no login, throttled)."""

    serializer_class = PublicStorySerializer

    def get_queryset(self):
        return selectors.published_stories()
