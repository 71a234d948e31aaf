from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from people import services
from people.api.serializers import (
    PersonListSerializer,
    PersonSerializer,
    RevealRequestSerializer,
    RevealResponseSerializer,
)
from people.filtersets import PersonFilterSet
from people.models import Person, PersonalDataAccess
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet


class PersonViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """The registry of natural persons. Document numbers and mobiles are always masked here."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "list":
            return PersonListSerializer
        if self.action == "reveal":
            return RevealRequestSerializer
        return PersonSerializer

    @extend_schema(request=RevealRequestSerializer, responses=RevealResponseSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """Unmasked document number and mobile, for roles that need them; every call is logged with its reason."""
        person = self.get_object()
        serializer = RevealRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = services.person_reveal(
            person=person, actor=request.user, reason=serializer.validated_data["reason"],
            channel=PersonalDataAccess.Channel.API, ip_address=request.META.get("REMOTE_ADDR"),
        )
        return Response(data, status=status.HTTP_200_OK)
