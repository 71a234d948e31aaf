from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from followups import services
from followups.api.serializers import (
    BulletinSerializer,
    IssueFinishSerializer,
    IssueNoteSerializer,
    IssueReferSerializer,
    IssueSerializer,
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
from redcross.api.viewsets import IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet


class VisitTargetViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visit targets per year, organisation and kind of party: the rate and who counts as eligible."""

    queryset = VisitTarget.objects.all()
    serializer_class = VisitTargetSerializer
    filterset_class = VisitTargetFilterSet
    ordering_fields = ["id", "year"]
    http_method_names = ["get", "post", "patch", "head", "options"]


class VisitPlanViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visit plans; `POST …/{id}/generate/` fills the due list from the targets' eligibility rules."""

    queryset = VisitPlan.objects.prefetch_related("visitors")
    serializer_class = VisitPlanSerializer
    filterset_class = VisitPlanFilterSet
    ordering_fields = ["id", "year", "starts_on"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"])
    def generate(self, request, pk=None):
        added = services.plan_generate(plan=self.get_object(), actor=request.user)
        return Response({"added": added})


class PlanItemViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Who is due under a plan (`?state=overdue`, `?mine=true`); a create adds someone by hand."""

    queryset = PlanItem.objects.select_related("volunteer__person", "aid_case__person", "donor", "member_unit")
    serializer_class = PlanItemSerializer
    filterset_class = PlanItemFilterSet
    ordering_fields = ["id", "due_on"]
    http_method_names = ["get", "post", "head", "options"]


class VisitViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Visits; a create records the visit and its problems raised, `Idempotency-Key` honoured."""

    queryset = (Visit.objects.select_related("volunteer__person", "aid_case__person", "donor", "member_unit")
                .prefetch_related("visitors", "issues"))
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    ordering_fields = ["id", "visited_on"]
    http_method_names = ["get", "post", "head", "options"]


class IssueViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """Issues raised in visits; actions refer, progress, note and finish (with the party's feedback)."""

    queryset = Issue.objects.prefetch_related("activities")
    serializer_class = IssueSerializer
    filterset_class = IssueFilterSet
    ordering_fields = ["id", "due_on", "opened_at"]
    http_method_names = ["get", "post", "head", "options"]

    def _answer(self, issue):
        issue = Issue.objects.prefetch_related("activities").get(pk=issue.pk)
        return Response(IssueSerializer(issue, context={"request": self.request}).data)

    def _body(self, serializer_class):
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    @extend_schema(request=IssueReferSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        return self._answer(services.issue_refer(issue=self.get_object(), actor=request.user,
                                                 **self._body(IssueReferSerializer)))

    @extend_schema(request=IssueNoteSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        data = self._body(IssueNoteSerializer) if request.data else {"note": ""}
        return self._answer(services.issue_progress(issue=self.get_object(), actor=request.user, **data))

    @extend_schema(request=IssueNoteSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        return self._answer(services.issue_note(issue=self.get_object(), actor=request.user,
                                                **self._body(IssueNoteSerializer)))

    @extend_schema(request=IssueFinishSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        return self._answer(services.issue_finish(issue=self.get_object(), actor=request.user,
                                                  **self._body(IssueFinishSerializer)))


class BulletinViewSet(IdempotentCreateMixin, ScopedCreateListRetrieveUpdateViewSet):
    """信息专报 bulletins: a create drafts one for a period; submit, publish (numbered, figures frozen), correct."""

    queryset = Bulletin.objects.prefetch_related("includes")
    serializer_class = BulletinSerializer
    filterset_class = BulletinFilterSet
    ordering_fields = ["id", "year", "number", "published_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _answer(self, bulletin, status=200):
        return Response(BulletinSerializer(bulletin, context={"request": self.request}).data, status=status)

    @extend_schema(request=None, responses=BulletinSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(services.bulletin_submit(bulletin=self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=BulletinSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._answer(services.bulletin_publish(bulletin=self.get_object(), actor=request.user))

    @extend_schema(request=None, responses={201: BulletinSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        return self._answer(services.bulletin_correct(bulletin=self.get_object(), actor=request.user), status=201)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        from followups.documents import bulletin_pdf

        bulletin = self.get_object()
        response = HttpResponse(bulletin_pdf(bulletin), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bulletin-{bulletin.pk}.pdf"'
        return response
