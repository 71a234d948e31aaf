from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """Whom a visit is for. A new kind (e.g. an emergency response-team member) adds a value here and a link
    column on `PartyLink`."""

    VOLUNTEER = "volunteer", _("Red Cross volunteer")
    TEAM_MEMBER = "team_member", _("Response-team member")
    MEMBER_UNIT = "member_unit", _("Member unit")
    CARING_ENTERPRISE = "caring_enterprise", _("Caring enterprise")
    CARING_INDIVIDUAL = "caring_individual", _("Caring individual")
    AIDED_PERSON = "aided_person", _("Person who received aid")


class Eligibility(models.TextChoices):
    """Who counts as eligible for a visit: a rule the city edits as data on each target."""

    ALL = "all", _("Everyone of this kind")
    SERVING = "serving", _("Serving volunteers")
    REGISTERED = "registered", _("Registered Red Cross volunteers")
    COMMENDED = "commended", _("Commended (within the years given)")
    EXCELLENT = "excellent", _("Evaluated excellent (within the years given)")
    ACTIVE = "active", _("Active member units")
    AIDED_IN_YEAR = "aided_in_year", _("Aid case opened within the years given")


class PlanPeriod(models.TextChoices):
    YEAR = "year", _("Whole year")
    Q1 = "q1", _("First quarter")
    Q2 = "q2", _("Second quarter")
    Q3 = "q3", _("Third quarter")
    Q4 = "q4", _("Fourth quarter")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In progress")
    CLOSED = "closed", _("Closed")


class VisitMethod(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")
    FORUM = "forum", _("Forum (座谈会)")


class Difficulty(models.TextChoices):
    FAMILY = "family", _("Family life")
    EMPLOYMENT = "employment", _("Employment and starting a business")
    ENTERPRISE = "enterprise", _("The enterprise's development")
    HEALTH = "health", _("Health")
    OTHER = "other", _("Other")


class IssueCategory(models.TextChoices):
    FAMILY = "family", _("Family life")
    EMPLOYMENT = "employment", _("Employment and starting a business")
    ENTERPRISE = "enterprise", _("The enterprise's development")
    REDCROSS_WORK = "redcross_work", _("Red Cross work")
    POLICY = "policy", _("Policy and services")
    OTHER = "other", _("Other")


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Awaiting referral")
    ASSIGNED = "assigned", _("Referred")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    UNRESOLVABLE = "unresolvable", _("Cannot be resolved")


OPEN_STATUSES = (IssueStatus.OPEN, IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS)
DONE_STATUSES = (IssueStatus.RESOLVED, IssueStatus.CLOSED, IssueStatus.UNRESOLVABLE)

# The moves an issue may make; anything else is refused by the service.
ISSUE_TRANSITIONS = {
    IssueStatus.OPEN: (IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS, IssueStatus.CLOSED, IssueStatus.UNRESOLVABLE),
    IssueStatus.ASSIGNED: (IssueStatus.IN_PROGRESS, IssueStatus.RESOLVED, IssueStatus.UNRESOLVABLE,
                           IssueStatus.CLOSED),
    IssueStatus.IN_PROGRESS: (IssueStatus.RESOLVED, IssueStatus.UNRESOLVABLE, IssueStatus.CLOSED),
    IssueStatus.RESOLVED: (IssueStatus.CLOSED,),
    IssueStatus.CLOSED: (),
    IssueStatus.UNRESOLVABLE: (IssueStatus.CLOSED,),
}


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")
