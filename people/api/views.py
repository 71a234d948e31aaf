from people import services
from people.api.serializers import (
    PersonListSerializer,
    PersonSerializer,
    RevealRequestSerializer,
    RevealResponseSerializer,
)
from people.filtersets import PersonFilterSet
from people.models import Person, PersonalDataAccess
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, service_action


class PersonViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """The registry of natural persons. Document numbers and mobiles are always masked here."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.person_create, "update": services.person_update}

    def get_serializer_class(self):
        if self.action == "list":
            return PersonListSerializer
        if self.action == "reveal":
            return RevealRequestSerializer
        return PersonSerializer

    @service_action(services.person_reveal, body=RevealRequestSerializer, answer=RevealResponseSerializer,
                    arguments=lambda person, request: {"person": person, "channel": PersonalDataAccess.Channel.API,
                                                       "ip_address": request.META.get("REMOTE_ADDR")})
    def reveal(self, request, pk=None):
        """Unmasked document number and mobile, for roles that need them; every call is logged with its reason."""
