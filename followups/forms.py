from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from followups.choices import Difficulty, IssueCategory, PartyKind, PlanPeriod, VisitMethod
from followups.models import Bulletin, VisitTarget
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def staff_users(user):
    """Visitors a staffer may assign: the staff of organisations within their area."""
    from redcross.scoping import ALL, user_scope_prefix

    prefix = user_scope_prefix(user)
    users = get_user_model().objects.filter(staff_profile__isnull=False, is_active=True)
    if prefix is None:
        return users.none()
    if prefix != ALL:
        users = users.filter(staff_profile__organization__region__code__startswith=prefix)
    return users.exclude(groups__name__in=["partner_agency", "auditor"]).order_by("username")


class VisitorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "staff_profile", None)
        name = obj.get_full_name() or obj.username
        return f"{name} · {profile.organization.name}" if profile else name


class VisitTargetForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = VisitTarget
        fields = ["year", "organization", "party_kind", "rate", "eligibility", "within_years"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(
            kind__in=["city_society", "district_society"], is_active=True)
        self.fields["year"].initial = timezone.localdate().year

    def _post_clean(self):
        pass  # the service validates once


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("plan period"), choices=PlanPeriod.choices)
    visitors = VisitorChoiceField(queryset=get_user_model().objects.none(), label=_("visitors"), required=False,
                                  widget=forms.SelectMultiple(attrs={"size": 5}))
    generate = forms.BooleanField(label=_("fill the due list from the targets' rules now"), required=False,
                                  initial=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["visitors"].queryset = staff_users(user).select_related("staff_profile__organization")
        if user is not None:
            self.fields["visitors"].initial = [user.pk]


class PlanItemAddForm(forms.Form):
    party_kind = forms.ChoiceField(label=_("kind of party"), choices=PartyKind.choices)
    party_id = forms.IntegerField(label=_("party (id)"), min_value=1)
    due_on = forms.DateField(label=_("visit due by"), widget=DATE, required=False)


class PlanItemChangeForm(forms.Form):
    due_on = forms.DateField(label=_("visit due by"), widget=DATE, required=False)
    visitor = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("assigned visitor"),
                                     required=False)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["visitor"].queryset = plan.visitors.all()


class VisitForm(forms.Form):
    party_kind = forms.ChoiceField(label=_("kind of party"), choices=PartyKind.choices)
    party_id = forms.IntegerField(label=_("party (id)"), min_value=1, widget=forms.NumberInput(attrs={"min": 1}))
    method = forms.ChoiceField(label=_("visit method"), choices=VisitMethod.choices)
    visited_on = forms.DateField(label=_("visited on"), widget=DATE)
    visitors = VisitorChoiceField(queryset=get_user_model().objects.none(), label=_("visitors"), required=False,
                                  widget=forms.SelectMultiple(attrs={"size": 4}))
    companions = forms.CharField(label=_("other visitors"), required=False, max_length=255)
    difficulties = forms.MultipleChoiceField(label=_("difficulties heard"), choices=Difficulty.choices,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    difficulties_text = forms.CharField(label=_("difficulties in their words"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    suggestions = forms.CharField(label=_("suggestions on Red Cross work"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    satisfaction = forms.TypedChoiceField(label=_("satisfaction (1–5)"), required=False, coerce=int,
                                          empty_value=None,
                                          choices=[("", "—"), *[(n, "★" * n) for n in range(5, 0, -1)]])
    notes = forms.CharField(label=_("sensitive notes (kept encrypted)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Health, family or money matters: stored encrypted, read only with a reason."))
    is_typical = forms.BooleanField(label=_("typical case for the bulletin"), required=False)
    issue_title = forms.CharField(label=_("problem raised"), required=False, max_length=200,
                                  help_text=_("Leave empty when no problem was raised."))
    issue_category = forms.ChoiceField(label=_("category of the problem"), choices=IssueCategory.choices,
                                       required=False)
    issue_department = forms.CharField(label=_("refer it to (department)"), required=False, max_length=100)
    issue_due_on = forms.DateField(label=_("problem due on"), widget=DATE, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["visitors"].queryset = staff_users(user).select_related("staff_profile__organization")
        if user is not None:
            self.fields["visitors"].initial = [user.pk]


class IssueReferForm(forms.Form):
    department = forms.CharField(label=_("referred to (department)"), max_length=100)
    due_on = forms.DateField(label=_("settle by"), widget=DATE, required=False)
    note = forms.CharField(label=_("note"), required=False)


class IssueNoteForm(forms.Form):
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}))


class IssueProgressForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False)


class IssueFinishForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=[("resolved", _("Resolved")), ("closed", _("Closed")),
                                                           ("unresolvable", _("Cannot be resolved"))])
    resolution = forms.CharField(label=_("result"), widget=forms.Textarea(attrs={"rows": 2}))
    feedback = forms.CharField(label=_("the visited party's feedback"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    feedback_satisfaction = forms.TypedChoiceField(label=_("feedback satisfaction (1–5)"), required=False,
                                                   coerce=int, empty_value=None,
                                                   choices=[("", "—"), *[(n, "★" * n) for n in range(5, 0, -1)]])


class BulletinForm(forms.Form):
    period_start = forms.DateField(label=_("period from"), widget=DATE)
    period_end = forms.DateField(label=_("period to"), widget=DATE)
    title = forms.CharField(label=_("title"), required=False, max_length=200,
                            help_text=_("Empty: named after the organisation and period."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period_start"].initial = today.replace(day=1)
        self.fields["period_end"].initial = today


class BulletinEditForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["title", "typical_cases", "suggestions"]
        widgets = {"typical_cases": forms.Textarea(attrs={"rows": 6}),
                   "suggestions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def _post_clean(self):
        pass


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=255)


