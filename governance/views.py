"""Portal pages of the supervisory board and the checklist (the published audit reports: governance.public)."""

from django.utils.translation import gettext_lazy as _

from governance import services
from governance.filtersets import (
    ActionItemFilterSet,
    AuditReportFilterSet,
    MeetingFilterSet,
    MemberFilterSet,
    OpinionFilterSet,
)
from governance.forms import ActionItemForm, AuditReportForm, MeetingForm, MemberForm, OpinionForm
from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.portal.views import PortalCreateView, PortalDetailView, PortalListView, PortalUpdateView


def _fields(form):
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


class MemberListView(PortalListView):
    model = SupervisoryMember
    filterset_class = MemberFilterSet
    columns = [("name", _("Name")), ("role", _("Role")), ("organization__name", _("Red Cross society")),
               ("affiliation", _("Work unit")), ("term_start", _("Term from")), ("term_end", _("Term until"))]
    select_related = ("organization",)
    create_url_name = "governance:member_create"
    export_name = "supervisors"


class MemberDetailView(PortalDetailView):
    model = SupervisoryMember
    fields = MemberListView.columns
    edit_url_name = "governance:member_edit"


class MemberCreateView(PortalCreateView):
    model = SupervisoryMember
    form_class = MemberForm

    def save(self, form):
        return services.member_save(actor=self.request.user, **_fields(form))


class MemberUpdateView(PortalUpdateView):
    model = SupervisoryMember
    form_class = MemberForm

    def save(self, form):
        return services.member_save(actor=self.request.user, instance=self.get_object(), **_fields(form))


class MeetingListView(PortalListView):
    model = SupervisoryMeeting
    filterset_class = MeetingFilterSet
    columns = [("held_on", _("Held on")), ("title", _("Title")), ("organization__name", _("Red Cross society")),
               ("attendees", _("Supervisors present"))]
    select_related = ("organization",)
    create_url_name = "governance:meeting_create"
    export_name = "supervisory-meetings"


class MeetingDetailView(PortalDetailView):
    model = SupervisoryMeeting
    fields = MeetingListView.columns + [("minutes", _("Minutes"))]


class MeetingCreateView(PortalCreateView):
    model = SupervisoryMeeting
    form_class = MeetingForm

    def save(self, form):
        return services.meeting_record(actor=self.request.user, **_fields(form))


class OpinionListView(PortalListView):
    model = SupervisionOpinion
    filterset_class = OpinionFilterSet
    columns = [("opinion", _("Opinion")), ("owner__name", _("Rectification owner")), ("due_on", _("Rectify by")),
               ("status", _("Status")), ("is_overdue", _("Overdue")), ("rectified_on", _("Rectified on"))]
    sortable = ("due_on",)
    select_related = ("owner",)
    create_url_name = "governance:opinion_create"
    export_name = "supervision-opinions"


class OpinionDetailView(PortalDetailView):
    model = SupervisionOpinion
    fields = OpinionListView.columns + [("meeting", _("Meeting")), ("rectification", _("Rectification"))]
    edit_url_name = "governance:opinion_edit"


class OpinionCreateView(PortalCreateView):
    model = SupervisionOpinion
    form_class = OpinionForm

    def save(self, form):
        return services.opinion_save(actor=self.request.user, **_fields(form))


class OpinionUpdateView(PortalUpdateView):
    model = SupervisionOpinion
    form_class = OpinionForm

    def save(self, form):
        return services.opinion_save(actor=self.request.user, instance=self.get_object(), **_fields(form))


class AuditReportListView(PortalListView):
    model = AuditReport
    filterset_class = AuditReportFilterSet
    columns = [("year", _("Year")), ("organization__name", _("Red Cross society")), ("auditor", _("Audit firm")),
               ("opinion", _("Audit opinion")), ("published_on", _("Published on"))]
    select_related = ("organization",)
    create_url_name = "governance:audit_create"
    export_name = "audit-reports"


class AuditReportDetailView(PortalDetailView):
    model = AuditReport
    fields = AuditReportListView.columns + [("summary", _("Summary"))]
    edit_url_name = "governance:audit_edit"


class AuditReportCreateView(PortalCreateView):
    model = AuditReport
    form_class = AuditReportForm

    def save(self, form):
        return services.audit_report_save(actor=self.request.user, **_fields(form))


class AuditReportUpdateView(PortalUpdateView):
    model = AuditReport
    form_class = AuditReportForm

    def save(self, form):
        return services.audit_report_save(actor=self.request.user, instance=self.get_object(), **_fields(form))


class ActionItemListView(PortalListView):
    model = ActionItem
    filterset_class = ActionItemFilterSet
    columns = [("title", _("Item")), ("plan", _("Action plan")), ("source", _("From")),
               ("owner__name", _("Owner organisation")), ("due_on", _("Due on")), ("status", _("Status")),
               ("is_overdue", _("Overdue")), ("done_on", _("Done on"))]
    sortable = ("due_on",)
    select_related = ("owner",)
    create_url_name = "governance:item_create"
    export_name = "action-checklist"


class ActionItemDetailView(PortalDetailView):
    model = ActionItem
    fields = ActionItemListView.columns + [("evidence", _("Evidence"))]
    edit_url_name = "governance:item_edit"


class ActionItemCreateView(PortalCreateView):
    model = ActionItem
    form_class = ActionItemForm

    def save(self, form):
        return services.action_item_save(actor=self.request.user, **_fields(form))


class ActionItemUpdateView(PortalUpdateView):
    model = ActionItem
    form_class = ActionItemForm

    def save(self, form):
        return services.action_item_save(actor=self.request.user, instance=self.get_object(), **_fields(form))
