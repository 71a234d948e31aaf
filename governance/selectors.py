"""Reads: the plan targets the checklist and the opinions answer, and the digest's overdue lines."""

from django.db.models import Count, Q

from governance.choices import ItemStatus, OpinionStatus
from governance.models import ActionItem, AuditReport, SupervisionOpinion
from redcross.scoping import scope_queryset


def _due_figures(queryset, *, on, done_status, done_date):
    rows = (queryset.filter(due_on__lte=on).values("owner__region_id")
            .annotate(total=Count("id"),
                      done=Count("id", filter=Q(status=done_status, **{f"{done_date}__lte": on})))
            .values_list("owner__region_id", "done", "total"))
    return {code: (done, total) for code, done, total in rows}


def checklist_on_time_figures(*, on):
    """Per owner's region: checklist items due by `on` that are done, over all items due by then."""
    return _due_figures(ActionItem.objects.all(), on=on, done_status=ItemStatus.DONE, done_date="done_on")


def opinions_rectified_figures(*, on):
    """Per owner's region: supervision opinions due by `on` that are rectified, over all due by then."""
    return _due_figures(SupervisionOpinion.objects.all(), on=on, done_status=OpinionStatus.RECTIFIED,
                        done_date="rectified_on")


def overdue_for_digest(user, since):
    from django.utils import timezone
    from django.utils.translation import gettext as _

    today = timezone.localdate()
    items = scope_queryset(ActionItem.objects.select_related("owner"), user).filter(
        due_on__lt=today).exclude(status=ItemStatus.DONE).order_by("due_on")[:20]
    opinions = scope_queryset(SupervisionOpinion.objects.select_related("owner"), user).filter(
        due_on__lt=today).exclude(status=OpinionStatus.RECTIFIED).order_by("due_on")[:20]
    lines = [f"{i.due_on} {i.owner.name}：{i.title}" for i in items]
    lines += [f"{o.due_on} {o.owner.name}：{o.opinion[:60]}" for o in opinions]
    return _("Overdue checklist items and supervision opinions"), lines


def published_audits():
    return (AuditReport.objects.filter(published_on__isnull=False).select_related("organization")
            .order_by("-year", "organization_id"))
