"""Portal pages of outreach/ (/portal/outreach/): lists with filters and Excel export, details, and forms that
save through outreach.services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views import generic

from donations import selectors as donation_selectors
from outreach import services
from outreach.filtersets import (
    CampaignFilterSet,
    CareRecipientFilterSet,
    CultureSquareFilterSet,
    StoryFilterSet,
    VillageCompactFilterSet,
    YouthActivityFilterSet,
    YouthCentreFilterSet,
)
from outreach.forms import (
    CampaignForm,
    CareRecipientForm,
    CareRecordForm,
    CultureSquareForm,
    StoryConsentForm,
    StoryForm,
    VillageCompactForm,
    YouthActivityForm,
    YouthCentreForm,
)
from outreach.models import (
    Campaign,
    CareRecipient,
    CultureSquare,
    Story,
    VillageCompact,
    YouthActivity,
    YouthCentre,
)
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    StaffRequiredMixin,
)
from redcross.scoping import scope_queryset


def _fields(form):
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


def crud(model, form_class, service, instance_arg, *, list_columns, detail_fields, filterset_class, title, sortable,
         select_related=(), import_kind=None, name=None, create_message=None):
    """The list, detail, create and edit pages of one plain model, saving through `service`."""
    name = name or model._meta.model_name

    class List(PortalListView):
        pass

    List.model, List.filterset_class, List.columns, List.title = model, filterset_class, list_columns, title
    List.sortable, List.select_related, List.import_kind = sortable, select_related, import_kind
    List.create_url_name, List.export_name = f"outreach:{name}_create", name
    List.default_sort = tuple(model._meta.ordering)

    class Detail(PortalDetailView):
        pass

    Detail.model, Detail.fields, Detail.edit_url_name = model, detail_fields, f"outreach:{name}_edit"

    class Create(PortalCreateView):
        def save(self, form):
            return service(actor=self.request.user, **_fields(form))

    Create.model, Create.form_class = model, form_class
    Create.success_message = create_message or _("Saved.")

    class Update(PortalUpdateView):
        def save(self, form):
            return service(actor=self.request.user, **{instance_arg: self.object}, **_fields(form))

    Update.model, Update.form_class, Update.success_message = model, form_class, _("Saved.")
    for cls, suffix in ((List, "List"), (Detail, "Detail"), (Create, "Create"), (Update, "Update")):
        cls.__name__ = cls.__qualname__ = f"{model.__name__}{suffix}View"
    return List, Detail, Create, Update


SquareList, SquareDetail, SquareCreate, SquareUpdate = crud(
    CultureSquare, CultureSquareForm, services.square_save, "square", name="square",
    title=_("Culture squares"), filterset_class=CultureSquareFilterSet, sortable=("name", "opened_on", "place_kind"),
    select_related=("region",), import_kind="outreach.square", create_message=_("Culture square added."),
    list_columns=[("name", _("Square name")), ("place_kind", _("Place kind")), ("region__name", _("Region")),
                  ("host", _("Host")), ("opened_on", _("Opened on")), ("themes", _("Themes")),
                  ("is_active", _("Open"))],
    detail_fields=[("name", _("Square name")), ("place_kind", _("Place kind")), ("region__name", _("Region")),
                   ("host", _("Host")), ("address", _("Address")), ("opened_on", _("Opened on")),
                   ("themes", _("Themes")), ("photos", _("Photos")), ("is_active", _("Open"))])

YouthCentreList, YouthCentreDetail, YouthCentreCreate, YouthCentreUpdate = crud(
    YouthCentre, YouthCentreForm, services.youth_centre_save, "centre",
    title=_("Youth education centres"), filterset_class=YouthCentreFilterSet, sortable=("name", "opened_on"),
    select_related=("region", "school"), import_kind="outreach.youthcentre",
    create_message=_("Youth education centre added."),
    list_columns=[("name", _("Centre name")), ("school__name", _("Host school")), ("region__name", _("Region")),
                  ("opened_on", _("Opened on")), ("pilot_batch", _("Pilot batch")), ("is_active", _("Active"))],
    detail_fields=[("name", _("Centre name")), ("school__name", _("Host school")), ("region__name", _("Region")),
                   ("opened_on", _("Opened on")), ("pilot_batch", _("Pilot batch")),
                   ("contact_person", _("Contact person")), ("is_active", _("Active"))])

CampaignList, CampaignDetail, CampaignCreate, CampaignUpdate = crud(
    Campaign, CampaignForm, services.campaign_save, "campaign",
    title=_("Campaigns and events"), filterset_class=CampaignFilterSet,
    sortable=("held_on", "participants", "online_reach"), select_related=("region", "organiser"),
    import_kind="outreach.campaign", create_message=_("Campaign recorded."),
    list_columns=[("title", _("Title")), ("kind", _("Kind")), ("held_on", _("Held on")), ("place", _("Place")),
                  ("organiser__name", _("Organiser")), ("participants", _("Participants")),
                  ("online_reach", _("Online reach"))],
    detail_fields=[("title", _("Title")), ("kind", _("Kind")), ("held_on", _("Held on")), ("region__name", _("Region")),
                   ("square__name", _("Culture square")), ("place", _("Place")), ("organiser__name", _("Organiser")),
                   ("participants", _("Participants")), ("online_reach", _("Online reach")), ("summary", _("Summary")),
                   ("photos", _("Photos"))])

CompactList, CompactDetail, CompactCreate, CompactUpdate = crud(
    VillageCompact, VillageCompactForm, services.compact_save, "compact", name="compact",
    title=_("Village compacts"), filterset_class=VillageCompactFilterSet, sortable=("adopted_on",),
    select_related=("community",), import_kind="outreach.compact", create_message=_("Village compact recorded."),
    list_columns=[("title", _("Title")), ("community__name", _("Community or village")),
                  ("adopted_on", _("Adopted on")), ("document_url", _("Document"))],
    detail_fields=[("title", _("Title")), ("community__name", _("Community or village")),
                   ("adopted_on", _("Adopted on")), ("document_url", _("Document")),
                   ("red_cross_clauses", _("Red Cross clauses"))])


class YouthActivityList(PortalListView):
    model = YouthActivity
    filterset_class = YouthActivityFilterSet
    title = _("Youth activities")
    columns = [("title", _("Title")), ("centre__name", _("Youth education centre")), ("held_on", _("Held on")),
               ("participants", _("Participants"))]
    sortable = ("held_on", "participants")
    default_sort = ("-held_on", "-id")
    select_related = ("centre",)
    create_url_name = "outreach:youthactivity_create"
    export_name = "youth-activities"


class YouthActivityDetail(PortalDetailView):
    model = YouthActivity
    fields = [("title", _("Title")), ("centre__name", _("Youth education centre")), ("held_on", _("Held on")),
              ("participants", _("Participants")), ("description", _("Description"))]


class YouthActivityCreate(PortalCreateView):
    model = YouthActivity
    form_class = YouthActivityForm
    success_message = _("Activity recorded.")

    def save(self, form):
        return services.youth_activity_record(actor=self.request.user, **form.cleaned_data)


# --- stories -------------------------------------------------------------------------------------

class StoryList(PortalListView):
    model = Story
    filterset_class = StoryFilterSet
    title = _("Stories of role models")
    columns = [("title", _("Title")), ("kind", _("Kind")), ("public_name", _("Name shown")),
               ("region__name", _("Region")), ("status", _("Status")), ("consent_on", _("Consent given on")),
               ("published_at", _("Published at"))]
    sortable = ("title", "status", "published_at")
    default_sort = ("-id",)
    select_related = ("region",)
    create_url_name = "outreach:story_create"
    export_name = "stories"


class StoryDetail(PortalDetailView):
    model = Story
    template_name = "outreach/story_detail.html"
    fields = [("kind", _("Kind")), ("region__name", _("Region")), ("public_name", _("Name shown")),
              ("person__masked_name", _("Person")), ("summary", _("Summary")), ("status", _("Status")),
              ("consent_giver", _("Consent given by")), ("consent_name", _("Name of who consented")),
              ("consent_reference", _("Consent form reference")), ("consent_on", _("Consent given on")),
              ("created_by__username", _("Written by")), ("approved_by__username", _("Approved by")),
              ("published_at", _("Published at"))]
    edit_url_name = "outreach:story_edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(consent_form=StoryConsentForm(),
                       can_change=self.request.user.has_perm("outreach.change_story"))
        return context


class StoryCreate(PortalCreateView):
    model = Story
    form_class = StoryForm
    success_message = _("Story saved as a draft.")

    def save(self, form):
        return services.story_save(actor=self.request.user, **_fields(form))


class StoryUpdate(PortalUpdateView):
    model = Story
    form_class = StoryForm
    success_message = _("Story saved.")

    def save(self, form):
        return services.story_save(actor=self.request.user, story=self.object, **_fields(form))


class StoryAction(PortalActionView):
    """Consent, approval, publication and withdrawal, each a POST from the story's page."""

    model = Story
    actions = {
        "consent": Action(services.story_record_consent, form=StoryConsentForm, message=_("Consent recorded.")),
        "approve": Action(services.story_approve, message=_("Story approved.")),
        "publish": Action(services.story_publish, message=_("Story published on the public site.")),
        "withdraw": Action(services.story_withdraw, message=_("Story withdrawn.")),
    }


# --- community care ---------------------------------------------------------------------------------

class CareRecipientList(PortalListView):
    model = CareRecipient
    filterset_class = CareRecipientFilterSet
    title = _("Community care")
    columns = [("person__masked_name", _("Person")), ("category", _("Category")), ("region__name", _("Community")),
               ("care_team", _("Care team")), ("consent_on", _("Consent given on")), ("is_active", _("In care"))]
    sortable = ("consent_on",)
    default_sort = ("region_id", "-id")
    select_related = ("person", "region")
    create_url_name = "outreach:carerecipient_create"
    export_name = "community-care"


class CareRecipientDetail(PortalDetailView):
    model = CareRecipient
    template_name = "outreach/care_detail.html"
    fields = [("person__masked_name", _("Person")), ("category", _("Category")), ("region__name", _("Community")),
              ("care_team", _("Care team")), ("consent_on", _("Consent given on")),
              ("consent_giver", _("Consent given by")), ("is_active", _("In care"))]
    edit_url_name = "outreach:carerecipient_edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(records=list(self.object.records.select_related("aid_case")), record_form=CareRecordForm(),
                       can_change=self.request.user.has_perm("outreach.change_carerecipient"))
        return context


class CareRecipientCreate(PortalCreateView):
    model = CareRecipient
    form_class = CareRecipientForm
    success_message = _("Person taken into care.")

    def save(self, form):
        return services.care_recipient_save(actor=self.request.user, **_fields(form))


class CareRecipientUpdate(PortalUpdateView):
    model = CareRecipient
    form_class = CareRecipientForm
    success_message = _("Saved.")

    def save(self, form):
        return services.care_recipient_save(actor=self.request.user, recipient=self.object, **_fields(form))


def _care_record_arguments(recipient, request, data):
    """The aid case is typed as its number; it is looked up among this person's cases within the user's area."""
    data = dict(data)
    number = data.pop("aid_case", None)
    aid_case = None
    if number:
        aid_case = donation_selectors.aid_cases_of_person(person=recipient.person, user=request.user).filter(
            pk=number).first()
        if aid_case is None:
            raise ValidationError({"aid_case": _("Aid case: choose an aid case of this person within your area.")})
    return {"recipient": recipient, "aid_case": aid_case, **data}


class CareRecordCreate(PortalActionView):
    model = CareRecipient
    actions = {"": Action(services.care_record_add, form=CareRecordForm, message=_("Care recorded."),
                          arguments=_care_record_arguments)}


class OutreachHome(StaffRequiredMixin, generic.TemplateView):
    """The culture section's overview: counts per kind, the latest campaigns, stories waiting for a decision."""

    model = CultureSquare
    template_name = "outreach/home.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Sum

        from outreach.choices import PlaceKind, StoryStatus

        context = super().get_context_data(**kwargs)
        user = self.request.user
        squares = scope_queryset(CultureSquare.objects.filter(is_active=True), user)
        by_kind = dict(squares.values_list("place_kind").annotate(n=Count("id")).values_list("place_kind", "n"))
        total = sum(by_kind.values())
        context.update(
            title=_("Humanitarian culture"),
            squares_by_kind=[(label, by_kind.get(kind, 0), round(100 * by_kind.get(kind, 0) / total, 1) if total else 0)
                             for kind, label in PlaceKind.choices],
            squares_total=total,
            campaigns=list(scope_queryset(Campaign.objects.select_related("region"), user).order_by("-held_on")[:8]),
            campaign_totals=scope_queryset(Campaign.objects.all(), user).aggregate(
                participants=Sum("participants"), reach=Sum("online_reach")),
            stories_waiting=list(scope_queryset(Story.objects.filter(
                status__in=(StoryStatus.DRAFT, StoryStatus.APPROVED)), user).order_by("-id")[:8]),
            compacts=scope_queryset(VillageCompact.objects.all(), user).count(),
            youth_centres=scope_queryset(YouthCentre.objects.filter(is_active=True), user).count())
        return context
