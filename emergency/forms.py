"""Portal forms: they shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from emergency.choices import AidStatus, DeploymentStatus, IncidentStatus, MemberRole
from emergency.models import Incident, Item, MutualAid, Plan, Team, Warehouse
from redcross.portal.views import ScopedFormMixin
from redcross.scoping import scope_queryset

DATE = forms.DateInput(attrs={"type": "date"})


class TeamForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "organization", "region", "team_type", "level", "founded_on", "standby", "is_active"]
        widgets = {"founded_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(
            level__in=["city", "district", "town", "community"], is_home_city=True).exclude(level="community")


class MemberAddForm(forms.Form):
    volunteer = forms.CharField(label=_("Volunteer number or ID"), max_length=20)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_volunteer(self):
        from volunteers import selectors as volunteer_selectors

        volunteer = volunteer_selectors.volunteer_find(self.cleaned_data["volunteer"], user=self.user)
        if volunteer is None:
            raise forms.ValidationError(_("No volunteer with that number in your area."))
        return volunteer


class EquipmentForm(forms.Form):
    kind = forms.CharField(label=_("Kind"), max_length=100)
    serial = forms.CharField(label=_("Serial number"), max_length=64, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)
    condition = forms.ChoiceField(label=_("Condition"), choices=[("good", _("Good")),
                                                                ("needs_repair", _("Needs repair")),
                                                                ("unusable", _("Unusable"))])
    next_inspection_on = forms.DateField(label=_("Next inspection"), widget=DATE)


class DrillForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    scenario = forms.CharField(label=_("Scenario"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=24, decimal_places=2)
    participants = forms.MultipleChoiceField(label=_("Participants"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = team.members.filter(left_on__isnull=True).select_related("volunteer__person") if team else []
        self.fields["participants"].choices = [(m.volunteer_id, m.volunteer.person.masked_name) for m in members]


class WarehouseForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Warehouse
        fields = ["name", "organization", "region", "address", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level__in=["city", "district", "town"],
                                                                               is_home_city=True)


class ReceiveForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, decimal_places=2)
    batch = forms.CharField(label=_("Batch"), max_length=64)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE)
    donation = forms.CharField(label=_("In-kind gift (receipt number)"), max_length=20, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_donation(self):
        from donations import selectors as donation_selectors

        value = self.cleaned_data["donation"].strip()
        if not value:
            return None
        gift = donation_selectors.gift_by_receipt(value, user=self.user)
        if gift is None:
            raise forms.ValidationError(_("No confirmed gift with that receipt number in your area."))
        return gift


class IssueForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, decimal_places=2)
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class MinimumForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))
    minimum = forms.DecimalField(label=_("Minimum level"), min_value=0, decimal_places=2)


class AdjustForm(forms.Form):
    lot = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.DecimalField(label=_("Change (+/−)"), decimal_places=2)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class PlanForm(ScopedFormMixin, forms.ModelForm):
    steps_text = forms.CharField(
        label=_("Steps"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text=_("One step a line: minutes after activation | role | action."))

    class Meta:
        model = Plan
        fields = ["title", "hazard_class", "hazard", "region", "organization", "level", "version", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level__in=["city", "district", "town"],
                                                                               is_home_city=True)

    def clean_steps_text(self):
        steps = []
        for index, line in enumerate((self.cleaned_data["steps_text"] or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not parts[0].isdigit():
                raise forms.ValidationError(_("Line %(n)s: write minutes | role | action.") % {"n": index})
            steps.append({"order": len(steps) + 1, "offset_minutes": int(parts[0]), "role": parts[1],
                          "action": parts[2]})
        return steps


class IncidentForm(ScopedFormMixin, forms.ModelForm):
    create_fund = forms.BooleanField(label=_("Open an emergency fund for donations"), required=False)

    class Meta:
        model = Incident
        fields = ["title", "plan", "hazard_class", "hazard", "level", "region", "summary", "is_public"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = self.fields["plan"].queryset.filter(is_active=True)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(
            level__in=["city", "district", "town"], is_home_city=True)
        for name in ("hazard_class", "hazard", "level"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Taken from the plan when left empty.")


class SitrepForm(forms.Form):
    affected = forms.IntegerField(label=_("People affected"), min_value=0, initial=0)
    injured = forms.IntegerField(label=_("Injured"), min_value=0, initial=0)
    dead = forms.IntegerField(label=_("Dead"), min_value=0, initial=0)
    displaced = forms.IntegerField(label=_("Displaced"), min_value=0, initial=0)
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    actions = forms.CharField(label=_("Actions taken"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DeployForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    task = forms.CharField(label=_("Task"), max_length=255, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = scope_queryset(Team.objects.filter(is_active=True), user).order_by(
            "readiness", "team_type", "name")
        self.fields["team"].label_from_instance = lambda t: f"{t.name} · {t.get_readiness_display()}"


class StockRequestForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, decimal_places=2)
    destination = forms.CharField(label=_("Destination"), max_length=255, required=False)
    warehouse = forms.ModelChoiceField(label=_("From warehouse"), queryset=Warehouse.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = scope_queryset(Warehouse.objects.filter(is_active=True), user)


class IncidentAdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    review_lessons = forms.CharField(label=_("Lessons learned"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    review_actions = forms.CharField(label=_("Follow-up actions"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class DeploymentAdvanceForm(forms.Form):
    deployment = forms.IntegerField()
    status = forms.ChoiceField(choices=DeploymentStatus.choices)


class AidForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = MutualAid
        fields = ["requester", "responder", "kind", "request", "incident"]

    def __init__(self, *args, **kwargs):
        from organizations.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["requester"].queryset = self.fields["requester"].queryset.filter(
            kind__in=["city_society", "district_society"])
        # The asked society is another society, often outside the requester's own area (成德眉资).
        self.fields["responder"].queryset = Organization.objects.filter(
            is_active=True, kind__in=["city_society", "district_society", "partner_society"]).order_by("region_id")


class AidAdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AidStatus.choices)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
