from django import forms

from governance.models import ActionItem, AuditReport, SupervisionOpinion, SupervisoryMeeting, SupervisoryMember
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class ServiceValidatedForm(ScopedFormMixin, forms.ModelForm):
    def _post_clean(self):
        pass  # model validation runs once, in the service


class MemberForm(ServiceValidatedForm):
    class Meta:
        model = SupervisoryMember
        fields = ["organization", "name", "role", "affiliation", "term_start", "term_end"]
        widgets = {"term_start": DATE, "term_end": DATE}


class MeetingForm(ServiceValidatedForm):
    class Meta:
        model = SupervisoryMeeting
        fields = ["organization", "held_on", "title", "attendees", "minutes"]
        widgets = {"held_on": DATE, "minutes": forms.Textarea(attrs={"rows": 8})}


class OpinionForm(ServiceValidatedForm):
    class Meta:
        model = SupervisionOpinion
        fields = ["meeting", "opinion", "owner", "due_on", "status", "rectification"]
        widgets = {"due_on": DATE, "opinion": forms.Textarea(attrs={"rows": 4}),
                   "rectification": forms.Textarea(attrs={"rows": 4})}


class AuditReportForm(ServiceValidatedForm):
    class Meta:
        model = AuditReport
        fields = ["organization", "year", "auditor", "opinion", "summary", "published_on"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 6})}


class ActionItemForm(ServiceValidatedForm):
    class Meta:
        model = ActionItem
        fields = ["plan", "source", "title", "owner", "due_on", "status", "evidence"]
        widgets = {"due_on": DATE, "evidence": forms.Textarea(attrs={"rows": 4})}
