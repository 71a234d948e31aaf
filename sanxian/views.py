"""Portal pages of 三献: drives, the stem-cell registry, pledges, care for donor families, the memorial wall
and the dashboard. Lists show masked names and never a health detail; every list exports to Excel and CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from people.models import PersonalDataAccess
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_messages
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    PortalUpdateView,
    ScopedMixin,
    StaffRequiredMixin,
)
from sanxian import selectors, services
from sanxian.filtersets import (
    BloodDriveFilterSet,
    CareEventFilterSet,
    DonationPledgeFilterSet,
    MemorialEntryFilterSet,
    StemCellDonorFilterSet,
)
from sanxian.forms import (
    CareEventForm,
    DriveForm,
    MemorialForm,
    PledgeForm,
    RealiseForm,
    RevealForm,
    StemCellEventForm,
    StemCellRegisterForm,
    WithdrawForm,
)
from sanxian.models import BloodDrive, CareEvent, DonationPledge, MemorialEntry, StemCellDonor

NAME = pgettext_lazy("person", "Name")


def _fields(form):
    return dict(form.cleaned_data)


class RevealView(StaffRequiredMixin, ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    """POST only: shows a record's health details once, and logs the access with its reason (a page, not a write)."""

    http_method_names = ["post"]
    reveal = None  # the service: reveal(<record>=obj, actor=, reason=, channel=, ip_address=)
    object_name = None
    template_name = None

    def post(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        form = RevealForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Reason: say why you need the unmasked data."))
            return redirect(obj.get_absolute_url())
        try:
            shown = type(self).reveal(**{self.object_name: obj}, actor=request.user,
                                      reason=form.cleaned_data["reason"], channel=PersonalDataAccess.Channel.PORTAL,
                                      ip_address=request.META.get("REMOTE_ADDR"))
        except ValidationError as exc:
            errors_to_messages(request, exc)
            return redirect(obj.get_absolute_url())
        return render(request, self.template_name, {"object": obj, "shown": shown, "title": str(obj)})


# --- blood drives ----------------------------------------------------------------------------

class DriveListView(PortalListView):
    model = BloodDrive
    filterset_class = BloodDriveFilterSet
    title = gettext_lazy("Blood drives")
    columns = [("held_on", gettext_lazy("Date")), ("place", gettext_lazy("Place")),
               ("region__name", gettext_lazy("Region")), ("blood_centre", gettext_lazy("Blood centre")),
               ("organization__name", gettext_lazy("Organiser")),
               ("activity__title", gettext_lazy("Volunteer activity")),
               ("donors_registered", gettext_lazy("Donors registered")),
               ("units_collected", gettext_lazy("Units collected")), ("figures_source", gettext_lazy("Figures"))]
    sortable = ("held_on", "units_collected", "donors_registered")
    default_sort = ("-held_on", "-id")
    select_related = ("region", "organization", "activity")
    create_url_name = "sanxian:drive_create"
    import_kind = "sanxian.drive_figures"
    export_name = "blood-drives"


class DriveDetailView(PortalDetailView):
    model = BloodDrive
    template_name = "sanxian/drive_detail.html"
    fields = [("held_on", gettext_lazy("Date")), ("place", gettext_lazy("Place")),
              ("region__name", gettext_lazy("Region")), ("blood_centre", gettext_lazy("Partner blood centre")),
              ("organization__name", gettext_lazy("Organiser")),
              ("donors_registered", gettext_lazy("Donors registered")),
              ("units_collected", gettext_lazy("Units collected")), ("figures_source", gettext_lazy("Figures")),
              ("notes", gettext_lazy("Notes"))]
    edit_url_name = "sanxian:drive_edit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            donors=self.object.stem_cell_donors.select_related("person").order_by("-id"),
            register_form=StemCellRegisterForm(user=user, initial={"sampled_on": self.object.held_on,
                                                                   "region": self.object.region_id})
            if user.has_perm("sanxian.add_stemcelldonor") else None)
        return context


class DriveCreateView(PortalCreateView):
    model = BloodDrive
    form_class = DriveForm
    success_message = gettext_lazy("Blood drive recorded.")

    def save(self, form):
        return services.drive_save(actor=self.request.user, **_fields(form))


class DriveUpdateView(PortalUpdateView):
    model = BloodDrive
    form_class = DriveForm

    def save(self, form):
        return services.drive_save(actor=self.request.user, drive=self.object, **_fields(form))


class DriveActionView(PortalActionView):
    """Register a donor sampled at the drive: the person through the people registry, then the registry."""

    model = BloodDrive
    follow_result = True
    actions = {
        "register": Action(services.stem_cell_register_person, form=StemCellRegisterForm,
                           permission="sanxian.add_stemcelldonor",
                           arguments=lambda drive, request, data: {**data, "drive": drive},
                           message=lambda donor: _("%(name)s is registered in the stem-cell donor registry.")
                           % {"name": donor.person.masked_name}),
    }


# --- the stem-cell registry ------------------------------------------------------------------

class DonorListView(PortalListView):
    model = StemCellDonor
    filterset_class = StemCellDonorFilterSet
    title = gettext_lazy("Stem-cell donor registry")
    columns = [("person__masked_name", NAME), ("person__document_number_masked", gettext_lazy("Document number")),
               ("sampled_on", gettext_lazy("Sampled on")), ("drive", gettext_lazy("Blood drive")),
               ("region__name", gettext_lazy("Region")), ("status", gettext_lazy("Status"))]
    sortable = ("sampled_on",)
    default_sort = ("-sampled_on", "-id")
    select_related = ("person", "region", "drive")
    create_url_name = "sanxian:donor_create"
    export_name = "stem-cell-donors"


class DonorDetailView(PortalDetailView):
    model = StemCellDonor
    template_name = "sanxian/donor_detail.html"
    fields = [("person__masked_name", NAME), ("person__document_number_masked", gettext_lazy("Document number")),
              ("sampled_on", gettext_lazy("Sampled on")), ("drive", gettext_lazy("Sampled at (blood drive)")),
              ("region__name", gettext_lazy("Region")), ("organization__name", gettext_lazy("Registering "
                                                                                             "organisation")),
              ("consent__given_on", gettext_lazy("Consent given on")), ("status", gettext_lazy("Status"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(events=self.object.steps.order_by("occurred_on", "id"),
                       event_form=StemCellEventForm(initial={"occurred_on": timezone.localdate()})
                       if user.has_perm("sanxian.add_stemcellevent") else None,
                       can_reveal=user.has_perm("people.reveal_personal_data"), reveal_form=RevealForm())
        return context


class PersonCreateView(PortalCreateView):
    """A record about a person given by identity: `register(actor=…, **form data)` finds or creates the person."""

    register = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def save(self, form):
        return type(self).register(actor=self.request.user, **_fields(form))


class DonorCreateView(PersonCreateView):
    """A donor sampled outside a drive (at a Red Cross office or a hospital)."""

    model = StemCellDonor
    form_class = StemCellRegisterForm
    success_message = gettext_lazy("Donor registered.")
    register = services.stem_cell_register_person


class DonorActionView(PortalActionView):
    model = StemCellDonor
    actions = {
        "event": Action(services.stem_cell_event_record, form=StemCellEventForm,
                        permission="sanxian.add_stemcellevent",
                        arguments=lambda donor, request, data: {"donor": donor, **data},
                        message=lambda event: _("%(event)s recorded.") % {"event": event.get_kind_display()}),
    }


class DonorRevealView(RevealView):
    model = StemCellDonor
    reveal = services.stem_cell_reveal
    object_name = "donor"
    template_name = "sanxian/donor_revealed.html"


# --- pledges ---------------------------------------------------------------------------------

class PledgeListView(PortalListView):
    model = DonationPledge
    filterset_class = DonationPledgeFilterSet
    title = gettext_lazy("Body and organ donation pledges")
    columns = [("person__masked_name", NAME), ("person__document_number_masked", gettext_lazy("Document number")),
               ("kinds_display", gettext_lazy("Pledged")), ("channel", gettext_lazy("Registration channel")),
               ("registered_on", gettext_lazy("Registered on")),
               ("witness_name_masked", gettext_lazy("Family member informed")),
               ("region__name", gettext_lazy("Region")), ("status", gettext_lazy("Status")),
               ("realised_on", gettext_lazy("Realised on"))]
    sortable = ("registered_on", "realised_on")
    default_sort = ("-registered_on", "-id")
    select_related = ("person", "region")
    create_url_name = "sanxian:pledge_create"
    export_name = "donation-pledges"


class PledgeDetailView(PortalDetailView):
    model = DonationPledge
    template_name = "sanxian/pledge_detail.html"
    fields = [("person__masked_name", NAME), ("person__document_number_masked", gettext_lazy("Document number")),
              ("kinds_display", gettext_lazy("Pledged")), ("channel", gettext_lazy("Registration channel")),
              ("registered_on", gettext_lazy("Registered on")),
              ("witness_name_masked", gettext_lazy("Witness or family member informed")),
              ("witness_relation", gettext_lazy("Relation")), ("region__name", gettext_lazy("Region")),
              ("status", gettext_lazy("Status")), ("withdrawn_on", gettext_lazy("Withdrawn on")),
              ("realised_on", gettext_lazy("Realised on")),
              ("realised_details_masked", gettext_lazy("What was donated"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge, user = self.object, self.request.user
        can_change = user.has_perm("sanxian.change_donationpledge")
        open_ = pledge.status == "registered"
        context.update(
            withdraw_form=WithdrawForm(initial={"withdrawn_on": timezone.localdate()})
            if can_change and open_ else None,
            realise_form=RealiseForm(initial={"realised_on": timezone.localdate()})
            if can_change and open_ else None,
            memorial=getattr(pledge, "memorial", None) if hasattr(pledge, "memorial") else None,
            memorial_form=MemorialForm() if can_change and pledge.status == "realised"
            and not hasattr(pledge, "memorial") else None,
            care_events=pledge.care_events.order_by("-occurred_on"),
            can_reveal=user.has_perm("people.reveal_personal_data"), reveal_form=RevealForm())
        return context


class PledgeCreateView(PersonCreateView):
    model = DonationPledge
    form_class = PledgeForm
    success_message = gettext_lazy("Pledge registered.")
    register = services.pledge_register_person


def _memorial_of(pledge, request, data):
    return {"entry": get_object_or_404(MemorialEntry, pledge=pledge)}


def _pledge(pledge, request, data):
    return {"pledge": pledge, **data}


class PledgeActionView(PortalActionView):
    model = DonationPledge
    actions = {
        "withdraw": Action(services.pledge_withdraw, form=WithdrawForm, arguments=_pledge,
                           message=gettext_lazy("Pledge withdrawn.")),
        "realise": Action(services.pledge_realise, form=RealiseForm, arguments=_pledge,
                          message=gettext_lazy("Donation recorded. Remember the family: plan a visit.")),
        "memorial": Action(services.memorial_add, form=MemorialForm, arguments=_pledge,
                           permission="sanxian.add_memorialentry",
                           message=gettext_lazy("The name is on the memorial wall.")),
        "memorial-withdraw": Action(services.memorial_withdraw, arguments=_memorial_of,
                                    permission="sanxian.change_memorialentry",
                                    message=gettext_lazy("The name is taken down from the memorial wall.")),
    }


class PledgeRevealView(RevealView):
    model = DonationPledge
    reveal = services.pledge_reveal
    object_name = "pledge"
    template_name = "sanxian/pledge_revealed.html"


# --- care for donor families and the memorial wall -------------------------------------------

class CareListView(PortalListView):
    model = CareEvent
    filterset_class = CareEventFilterSet
    title = gettext_lazy("Care for donor families")
    columns = [("occurred_on", gettext_lazy("Date")), ("kind", gettext_lazy("Kind")), ("title", gettext_lazy("Title")),
               ("pledge__person__masked_name", gettext_lazy("Donor")), ("families", gettext_lazy("Families")),
               ("region__name", gettext_lazy("Region")), ("organization__name", gettext_lazy("Organiser"))]
    sortable = ("occurred_on",)
    default_sort = ("-occurred_on", "-id")
    select_related = ("region", "organization", "pledge__person")
    create_url_name = "sanxian:care_create"
    export_name = "donor-family-care"


class CareDetailView(PortalDetailView):
    model = CareEvent
    fields = [("occurred_on", gettext_lazy("Date")), ("kind", gettext_lazy("Kind")), ("title", gettext_lazy("Title")),
              ("pledge", gettext_lazy("Donor")), ("families", gettext_lazy("Families taking part")),
              ("region__name", gettext_lazy("Region")), ("organization__name", gettext_lazy("Organiser")),
              ("notes", gettext_lazy("Notes"))]


class CareCreateView(PortalCreateView):
    model = CareEvent
    form_class = CareEventForm
    success_message = gettext_lazy("Recorded.")

    def get_initial(self):
        return {"pledge": self.request.GET.get("pledge"), "occurred_on": timezone.localdate()}

    def save(self, form):
        data = {k: v for k, v in _fields(form).items() if v is not None or k in ("pledge",)}
        return services.care_event_record(actor=self.request.user, **data)


class MemorialListView(PortalListView):
    model = MemorialEntry
    filterset_class = MemorialEntryFilterSet
    title = gettext_lazy("Memorial wall")
    columns = [("display_name", gettext_lazy("Name shown")), ("year", gettext_lazy("Year")),
               ("tribute", gettext_lazy("Words of remembrance")), ("consent__given_by", gettext_lazy("Consent by")),
               ("is_published", gettext_lazy("Published"))]
    sortable = ("year",)
    default_sort = ("-year", "display_name")
    select_related = ("consent",)
    export_name = "memorial-wall"


# --- dashboard -------------------------------------------------------------------------------

class DashboardView(StaffRequiredMixin, generic.TemplateView):
    """三献 by district for a year, with the trend over the years: counted from the records, nothing personal."""

    template_name = "sanxian/dashboard.html"
    model = BloodDrive

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 1900 < int(raw) < 3000 else timezone.localdate().year
        data = selectors.dashboard(user=self.request.user, year=year)
        context.update(title=_("Blood, stem-cell and organ donation"), years=range(timezone.localdate().year,
                                                                                   timezone.localdate().year - 6, -1),
                       **data)
        return context
