from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action

from followups import services
from followups.api.serializers import (
    BulletinSerializer,
    IssueFinishSerializer,
    IssueNoteSerializer,
    IssueProgressSerializer,
    IssueReferSerializer,
    IssueSerializer,
    PlanGeneratedSerializer,
    PlanItemSerializer,
    VisitPlanSerializer,
    VisitSerializer,
    VisitTargetSerializer,
)
from followups.filtersets import (
    BulletinFilterSet,
    IssueFilterSet,
    PlanItemFilterSet,
    VisitFilterSet,
    VisitPlanFilterSet,
    VisitTargetFilterSet,
)
from followups.models import Bulletin, Issue, PlanItem, Visit, VisitPlan, VisitTarget
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet, service_action

# Visitors in the order of their ids, as the value rows read them (redcross.api.rows.fill_many).
VISITORS_BY_ID = Prefetch("visitors", queryset=get_user_model().objects.order_by("pk"))


class VisitTargetViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visit targets per year, organisation and kind of party: the rate and who counts as eligible."""

    queryset = VisitTarget.objects.all()
    serializer_class = VisitTargetSerializer
    filterset_class = VisitTargetFilterSet
    ordering_fields = ["id", "year"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.target_save, "update": services.target_save}
    service_object_name = "target"


class VisitPlanViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visit plans; `POST …/{id}/generate/` fills the due list from the targets' eligibility rules."""

    queryset = VisitPlan.objects.prefetch_related(VISITORS_BY_ID)
    serializer_class = VisitPlanSerializer
    filterset_class = VisitPlanFilterSet
    ordering_fields = ["id", "year", "starts_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.plan_create}

    @service_action(services.plan_generate, answer=PlanGeneratedSerializer,
                    arguments=lambda plan, request: {"plan": plan})
    def generate(self, request, pk=None):
        """Fill the plan's due list from the targets' eligibility rules; answers how many were added."""


class PlanItemViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Who is due under a plan (`?state=overdue`, `?mine=true`); a create adds someone by hand."""

    queryset = PlanItem.objects.select_related("volunteer__person", "aid_case__person", "donor", "member_unit")
    serializer_class = PlanItemSerializer
    filterset_class = PlanItemFilterSet
    ordering_fields = ["id", "due_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.plan_item_add}


class VisitViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visits; a create records the visit and its problems raised, `Idempotency-Key` honoured."""

    queryset = (Visit.objects.select_related("volunteer__person", "aid_case__person", "donor", "member_unit")
                .prefetch_related(VISITORS_BY_ID, "issues"))
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    ordering_fields = ["id", "visited_on"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.visit_record}


class IssueViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Issues raised in visits; actions refer, progress, note and finish (with the party's feedback)."""

    queryset = Issue.objects.prefetch_related("activities")
    serializer_class = IssueSerializer
    filterset_class = IssueFilterSet
    ordering_fields = ["id", "due_on", "opened_at"]
    http_method_names = ["get", "post", "head", "options"]
    write_services = {"create": services.issue_raise}

    @service_action(services.issue_refer, body=IssueReferSerializer, answer=IssueSerializer)
    def refer(self, request, pk=None):
        """Refer the issue to a department (assigned), with a due date."""

    @service_action(services.issue_progress, body=IssueProgressSerializer, answer=IssueSerializer)
    def progress(self, request, pk=None):
        """Mark the issue in progress, with an optional note."""

    @service_action(services.issue_note, body=IssueNoteSerializer, answer=IssueSerializer)
    def note(self, request, pk=None):
        """Add a note to the issue's activity log."""

    @service_action(services.issue_finish, body=IssueFinishSerializer, answer=IssueSerializer)
    def finish(self, request, pk=None):
        """Resolve, close or declare the issue unresolvable, with the result and the party's feedback."""


class BulletinViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """信息专报 bulletins: a create drafts one for a period; submit, publish (numbered, figures frozen), correct."""

    queryset = Bulletin.objects.prefetch_related("includes")
    serializer_class = BulletinSerializer
    filterset_class = BulletinFilterSet
    ordering_fields = ["id", "year", "number", "published_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_services = {"create": services.bulletin_draft, "update": services.bulletin_edit}

    @service_action(services.bulletin_submit, answer=BulletinSerializer)
    def submit(self, request, pk=None):
        """Submit a draft for publication."""

    @service_action(services.bulletin_publish, answer=BulletinSerializer)
    def publish(self, request, pk=None):
        """Publish: numbered without gaps per organisation and year, its figures frozen."""

    @service_action(services.bulletin_correct, answer=BulletinSerializer, status_code=status.HTTP_201_CREATED)
    def correct(self, request, pk=None):
        """Draft a correction of a published bulletin as a new version; the published one is never edited."""

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        from followups.documents import bulletin_pdf

        bulletin = self.get_object()
        response = HttpResponse(bulletin_pdf(bulletin), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bulletin-{bulletin.pk}.pdf"'
        return response
