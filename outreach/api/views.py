from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from organizations.api.grassroots import PublicListView, ServiceWriteViewSet
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


class CultureSquareViewSet(ServiceWriteViewSet):
    queryset = CultureSquare.objects.all()
    serializer_class = CultureSquareSerializer
    filterset_class = CultureSquareFilterSet
    ordering_fields = ["id", "opened_on"]

    def save(self, actor, instance, data):
        return services.square_save(actor=actor, square=instance, **data)


class StoryViewSet(ServiceWriteViewSet):
    """Stories of role models; publication needs the person's consent (`consent`) and an approver (`approve`)."""

    queryset = Story.objects.all()
    serializer_class = StorySerializer
    filterset_class = StoryFilterSet
    ordering_fields = ["id", "published_at"]

    def save(self, actor, instance, data):
        return services.story_save(actor=actor, story=instance, **data)

    def _answer(self, story):
        return Response(StorySerializer(story, context=self.get_serializer_context()).data)

    @extend_schema(request=StoryConsentSerializer, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        """Record the person's separate consent to publication (a guardian's for a minor)."""
        story = self.get_object()
        data = StoryConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.story_record_consent(actor=request.user, story=story, **data.validated_data))

    @extend_schema(request=None, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a draft (someone other than its writer)."""
        return self._answer(services.story_approve(actor=request.user, story=self.get_object()))

    @extend_schema(request=None, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish an approved story; refused without the person's consent."""
        return self._answer(services.story_publish(actor=request.user, story=self.get_object()))


class YouthCentreViewSet(ServiceWriteViewSet):
    queryset = YouthCentre.objects.all()
    serializer_class = YouthCentreSerializer
    filterset_class = YouthCentreFilterSet
    ordering_fields = ["id"]

    def save(self, actor, instance, data):
        return services.youth_centre_save(actor=actor, centre=instance, **data)


class YouthActivityViewSet(ServiceWriteViewSet):
    queryset = YouthActivity.objects.all()
    serializer_class = YouthActivitySerializer
    filterset_class = YouthActivityFilterSet
    ordering_fields = ["id", "held_on"]
    http_method_names = ["get", "post", "head", "options"]

    def save(self, actor, instance, data):
        return services.youth_activity_record(actor=actor, **data)


class CampaignViewSet(ServiceWriteViewSet):
    queryset = Campaign.objects.all()
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    ordering_fields = ["id", "held_on"]

    def save(self, actor, instance, data):
        return services.campaign_save(actor=actor, campaign=instance, **data)


class VillageCompactViewSet(ServiceWriteViewSet):
    queryset = VillageCompact.objects.all()
    serializer_class = VillageCompactSerializer
    filterset_class = VillageCompactFilterSet
    ordering_fields = ["id", "adopted_on"]

    def save(self, actor, instance, data):
        return services.compact_save(actor=actor, compact=instance, **data)


class CareRecipientViewSet(ServiceWriteViewSet):
    queryset = CareRecipient.objects.all()
    serializer_class = CareRecipientSerializer
    filterset_class = CareRecipientFilterSet
    ordering_fields = ["id"]

    def save(self, actor, instance, data):
        return services.care_recipient_save(actor=actor, recipient=instance, **data)


class CareRecordViewSet(ServiceWriteViewSet):
    """Care given; the notes are written encrypted and never read back through the API."""

    queryset = CareRecord.objects.all()
    serializer_class = CareRecordSerializer
    filterset_class = CareRecordFilterSet
    ordering_fields = ["id"]
    http_method_names = ["get", "post", "head", "options"]

    def save(self, actor, instance, data):
        return services.care_record_add(actor=actor, **data)


class PublicStoryList(PublicListView):
    """Published stories of role models (no login, throttled)."""

    serializer_class = PublicStorySerializer

    def get_queryset(self):
        return selectors.published_stories()
