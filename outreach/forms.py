from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import RegionChoiceField
from organizations.models import Region
from outreach.choices import ConsentGiver
from outreach.models import Campaign, CareRecipient, CultureSquare, Story, VillageCompact, YouthActivity, YouthCentre
from redcross.portal.views import ScopedFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class ServiceModelForm(ScopedFormMixin, forms.ModelForm):
    def _post_clean(self):
        # The service validates the model once, with the actor's scope.
        pass


class CultureSquareForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="city").order_by("code"), label=_("region"))

    class Meta:
        model = CultureSquare
        fields = ["name", "place_kind", "region", "host", "address", "opened_on", "themes", "photos", "is_active"]
        widgets = {"opened_on": DATE, "photos": forms.Textarea(attrs={"rows": 3})}


class StoryForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.exclude(level="city").order_by("code"), label=_("region"))
    person = forms.IntegerField(label=_("person (registry number)"), required=False, min_value=1,
                                help_text=_("The number of the person in the people registry, if the story is about "
                                            "a registered person."))

    class Meta:
        model = Story
        fields = ["title", "kind", "region", "person", "public_name", "summary", "body", "photos"]
        widgets = {"photos": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.person_id:
            self.initial["person"] = self.instance.person_id

    def clean_person(self):
        from people.models import Person
        from redcross.scoping import scope_queryset

        number = self.cleaned_data.get("person")
        if not number:
            return None
        person = scope_queryset(Person.objects.all(), self.user).filter(pk=number).first()
        if person is None:
            raise forms.ValidationError(_("Person: no registered person with this number in your area."))
        return person


class StoryConsentForm(forms.Form):
    given_by = forms.ChoiceField(label=_("consent given by"), choices=ConsentGiver.choices)
    name = forms.CharField(label=_("name of who consented"), max_length=50)
    reference = forms.CharField(label=_("consent form reference"), max_length=100)
    given_on = forms.DateField(label=_("consent given on"), widget=DATE)


class YouthCentreForm(ServiceModelForm):
    class Meta:
        model = YouthCentre
        fields = ["name", "school", "opened_on", "pilot_batch", "contact_person", "is_active"]
        widgets = {"opened_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = self.fields["school"].queryset.filter(kind__in=("school", "university"))


class YouthActivityForm(ServiceModelForm):
    class Meta:
        model = YouthActivity
        fields = ["centre", "title", "held_on", "participants", "description"]
        widgets = {"held_on": DATE}


class CampaignForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.order_by("code"), label=_("region"))

    class Meta:
        model = Campaign
        fields = ["title", "kind", "held_on", "region", "square", "place", "organiser", "participants", "online_reach",
                  "summary", "photos"]
        widgets = {"held_on": DATE, "photos": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].required = False
        self.fields["place"].help_text = _("Empty when held at the chosen square.")


class VillageCompactForm(ServiceModelForm):
    community = RegionChoiceField(queryset=Region.objects.filter(level="community").order_by("code"),
                                  label=_("community or village"))
    document_url = forms.URLField(label=_("document (link)"), required=False, assume_scheme="https")

    class Meta:
        model = VillageCompact
        fields = ["community", "title", "adopted_on", "document_url", "red_cross_clauses"]
        widgets = {"adopted_on": DATE}


class CareRecipientForm(ServiceModelForm):
    region = RegionChoiceField(queryset=Region.objects.filter(level="community").order_by("code"),
                               label=_("community"))
    person = forms.IntegerField(label=_("person (registry number)"), min_value=1)

    class Meta:
        model = CareRecipient
        fields = ["person", "region", "category", "care_team", "consent_on", "consent_giver", "is_active"]
        widgets = {"consent_on": DATE}

    clean_person = StoryForm.clean_person


class CareRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[])
    given_on = forms.DateField(label=_("given on"), widget=DATE)
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}))
    aid_case = forms.IntegerField(label=_("aid case number"), required=False, min_value=1,
                                  help_text=_("For economic help: the aid case opened in Donations."))

    def __init__(self, *args, **kwargs):
        from outreach.choices import CareKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CareKind.choices
