"""Portal pages of membership: members, dues and receipts, contributions and the units that stand out."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from members import selectors, services
from members.filtersets import ContributionFilterSet, DuesPaymentFilterSet, MemberFilterSet
from members.forms import ContributionForm, DuesPaymentForm, MemberForm
from members.models import Contribution, DuesPayment, DuesRate, Member
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    StaffRequiredMixin,
)


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
        return services.member_enrol_person(actor=self.request.user, **form.cleaned_data)


class MemberActionView(PortalActionView):
    """Dues, a unit's contribution, withdrawal: each one service, back to the member's page."""

    model = Member
    actions = {
        "pay": Action(services.dues_pay, form=DuesPaymentForm, permission="members.add_duespayment",
                      message=lambda payment: _("Dues recorded, receipt %(number)s.")
                      % {"number": payment.receipt_number}),
        "contribute": Action(services.contribution_record, form=ContributionForm,
                             permission="members.add_contribution", message=gettext_lazy("Contribution recorded.")),
        "withdraw": Action(services.member_withdraw, message=gettext_lazy("Membership withdrawn.")),
    }


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
