"""Portal pages of membership: members, dues and receipts, contributions and the units that stand out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from members import selectors, services
from members.filtersets import ContributionFilterSet, DuesPaymentFilterSet, MemberFilterSet
from members.forms import ContributionForm, DuesPaymentForm, MemberForm
from members.models import Contribution, DuesPayment, DuesRate, Member
from people import services as people_services
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    ScopedMixin,
    StaffRequiredMixin,
)


def _form_errors(form):
    return ValidationError([f"{form.fields[name].label}: {error}" if name in form.fields else error
                            for name, errors in form.errors.items() for error in errors])


class MemberListView(PortalListView):
    model = Member
    filterset_class = MemberFilterSet
    title = gettext_lazy("Members")
    columns = [("number", gettext_lazy("Member number")), ("name", gettext_lazy("Member")),
               ("kind", gettext_lazy("Member kind")), ("society__name", gettext_lazy("Society")),
               ("joined_on", gettext_lazy("Joined on")), ("status", gettext_lazy("Status")),
               ("status_changed_on", gettext_lazy("Status since"))]
    sortable = ("number", "joined_on")
    default_sort = ("-joined_on", "-id")
    select_related = ("person", "unit", "society")
    create_url_name = "members:member_create"
    export_name = "members"


class MemberDetailView(PortalDetailView):
    model = Member
    template_name = "members/member_detail.html"
    fields = [("number", gettext_lazy("Member number")), ("name", gettext_lazy("Member")),
              ("kind", gettext_lazy("Member kind")), ("society__name", gettext_lazy("Society")),
              ("organization__name", gettext_lazy("Belongs to")),
              ("contact_person__masked_name", gettext_lazy("Contact person")),
              ("joined_on", gettext_lazy("Joined on")), ("status", gettext_lazy("Status")),
              ("status_changed_on", gettext_lazy("Status since"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, user = self.object, self.request.user
        year = timezone.localdate().year
        paid_years = set(member.payments.values_list("year", flat=True))
        context.update(
            payments=member.payments.order_by("-year"),
            contributions=member.contributions.order_by("-contributed_on"),
            rate=services.dues_rate(year, member.kind), year=year, paid_this_year=year in paid_years,
            deadline=services.dues_deadline(member, year) if member.joined_on.year <= year else None,
            pay_form=DuesPaymentForm(initial={"year": year, "paid_on": timezone.localdate()})
            if user.has_perm("members.add_duespayment") and member.status != "withdrawn" else None,
            contribution_form=ContributionForm(initial={"contributed_on": timezone.localdate()})
            if user.has_perm("members.add_contribution") and member.kind == "unit" else None,
            can_withdraw=user.has_perm("members.change_member") and member.status != "withdrawn")
        return context


class MemberCreateView(PortalCreateView):
    model = Member
    form_class = MemberForm
    success_message = gettext_lazy("Member enrolled.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def get_initial(self):
        return {"joined_on": timezone.localdate()}

    def save(self, form):
        data = dict(form.cleaned_data)
        identity = {key: data.pop(key) for key in ("full_name", "document_type", "document_number", "mobile",
                                                   "region")}
        with transaction.atomic():
            person = people_services.person_find_by_document(document_type=identity["document_type"],
                                                             document_number=identity["document_number"])
            if person is not None and person.full_name != identity["full_name"].strip():
                raise ValidationError({"full_name": _("Full name: it does not match the registered holder of this "
                                                      "document.")})
            person = person or people_services.person_create(actor=self.request.user, **identity)
            if data["kind"] == "individual":
                data.pop("unit")
                return services.member_enrol(actor=self.request.user, person=person, **data)
            return services.member_enrol(actor=self.request.user, contact_person=person, **data)


class MemberActionView(StaffRequiredMixin, ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    model = Member
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        member = self.get_object()
        action = kwargs["action"]
        try:
            if action == "pay" and request.user.has_perm("members.add_duespayment"):
                form = DuesPaymentForm(request.POST)
                if not form.is_valid():
                    raise _form_errors(form)
                payment = services.dues_pay(actor=request.user, member=member, **form.cleaned_data)
                messages.success(request, _("Dues recorded, receipt %(number)s.") % {"number": payment.receipt_number})
            elif action == "contribute" and request.user.has_perm("members.add_contribution"):
                form = ContributionForm(request.POST)
                if not form.is_valid():
                    raise _form_errors(form)
                services.contribution_record(actor=request.user, member=member, **form.cleaned_data)
                messages.success(request, _("Contribution recorded."))
            elif action == "withdraw" and request.user.has_perm("members.change_member"):
                services.member_withdraw(actor=request.user, member=member)
                messages.success(request, _("Membership withdrawn."))
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(member.get_absolute_url())


class DuesPaymentListView(PortalListView):
    model = DuesPayment
    filterset_class = DuesPaymentFilterSet
    title = gettext_lazy("Dues payments")
    columns = [("receipt_number", gettext_lazy("Receipt number")), ("member__number", gettext_lazy("Member number")),
               ("member__name", gettext_lazy("Member")), ("year", gettext_lazy("Dues year")),
               ("amount", gettext_lazy("Amount (yuan)")), ("paid_on", gettext_lazy("Paid on")),
               ("method", gettext_lazy("Payment method")), ("reference", gettext_lazy("Reference"))]
    sortable = ("paid_on", "year", "amount")
    default_sort = ("-paid_on", "-id")
    select_related = ("member__person", "member__unit")
    export_name = "member-dues"


class ContributionListView(PortalListView):
    model = Contribution
    filterset_class = ContributionFilterSet
    title = gettext_lazy("Member contributions")
    columns = [("contributed_on", gettext_lazy("Date")), ("member__number", gettext_lazy("Member number")),
               ("member__name", gettext_lazy("Member unit")), ("kind", gettext_lazy("Kind")),
               ("amount", gettext_lazy("Value (yuan)")), ("people", gettext_lazy("People")),
               ("description", gettext_lazy("Description"))]
    sortable = ("contributed_on", "amount")
    default_sort = ("-contributed_on", "-id")
    select_related = ("member__unit", "member__person")
    export_name = "member-contributions"


class OutstandingView(StaffRequiredMixin, generic.TemplateView):
    """Member units ranked by what they gave: the candidates for follow-up visits and commendation."""

    model = Contribution
    template_name = "members/outstanding.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 1900 < int(raw) < 3000 else None
        ranked = list(selectors.outstanding_contributions(user=self.request.user, year=year))
        top = max([float(m.score) for m in ranked] or [0]) or 1
        for m in ranked:
            m.width = round(100 * float(m.score) / top, 1)
        this_year = timezone.localdate().year
        counts = selectors.member_counts(user=self.request.user)
        context.update(title=_("Outstanding member units"), ranked=ranked, year=year,
                       years=range(this_year, this_year - 6, -1), counts=counts,
                       lapsed=sum(counts.get("lapsed", {}).values()),
                       dues=selectors.dues_collected(user=self.request.user, year=this_year), this_year=this_year)
        return context


class DuesRateView(StaffRequiredMixin, generic.ListView):
    """The yearly dues of each member kind (the same in every district)."""

    model = DuesRate
    template_name = "members/rates.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Dues rates"), **kwargs)
