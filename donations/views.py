"""Portal pages of donations/: lists with filters and export, details with their actions, finance views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import generic

from donations import selectors, services
from donations.choices import DisbursementStatus, DonationStatus, StatementLineStatus
from donations.filtersets import (
    AidCaseFilterSet,
    DisbursementFilterSet,
    DisclosureFilterSet,
    DonationFilterSet,
    DonorFilterSet,
    FundFilterSet,
)
from donations.forms import (
    AidCaseForm,
    ConfirmForm,
    DisbursementForm,
    DonationForm,
    DonorForm,
    FundForm,
    MatchForm,
    PayForm,
    ReasonForm,
    StatementForm,
)
from donations.models import (
    AidCase,
    BankStatement,
    Disbursement,
    Disclosure,
    Donation,
    Donor,
    Fund,
    StatementLine,
)
from donations.public import receipt_token
from people.models import PersonalDataAccess
from redcross.portal.actions import Action, PortalActionView
from redcross.portal.errors import errors_to_form, errors_to_messages
from redcross.portal.views import (
    PortalCreateView,
    PortalDetailView,
    PortalListView,
    StaffRequiredMixin,
)
from redcross.scoping import scope_queryset


class DonorListView(PortalListView):
    model = Donor
    filterset_class = DonorFilterSet
    columns = [("label", _("Donor")), ("kind", _("Kind of donor")), ("credit_code", _("Unified social credit code")),
               ("is_caring_enterprise", _("Caring enterprise")), ("publish_name", _("Name may be published")),
               ("mobile_masked", _("Mobile")), ("organization__name", _("Recorded by"))]
    sortable = ("kind", "organization__name")
    default_sort = ("-id",)
    select_related = ("organization",)
    create_url_name = "donations:donor_create"
    export_name = "donors"


class DonorDetailView(PortalDetailView):
    model = Donor
    template_name = "donations/donor_detail.html"
    fields = [("label", _("Donor")), ("kind", _("Kind of donor")), ("credit_code", _("Unified social credit code")),
              ("is_caring_enterprise", _("Caring enterprise")), ("publish_name", _("Name may be published")),
              ("mobile_masked", _("Mobile")), ("person__document_number_masked", _("Document number")),
              ("organization__name", _("Recorded by")), ("created_at", _("Recorded at"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["donations"] = self.object.donations.select_related("fund").order_by("-id")[:50]
        return context


class DonorCreateView(PortalCreateView):
    model = Donor
    form_class = DonorForm

    def save(self, form):
        return services.donor_create(actor=self.request.user, **form.cleaned_data)


class FundListView(PortalListView):
    model = Fund
    filterset_class = FundFilterSet
    columns = [("code", _("Code")), ("name", _("Name")), ("kind", _("Kind")), ("organization__name", _("Organisation")),
               ("status", _("Status")), ("received", _("Received (yuan)")), ("spent", _("Spent (yuan)")),
               ("balance", _("Balance (yuan)")), ("starts_on", _("Starts on")), ("ends_on", _("Ends on"))]
    sortable = ("code", "starts_on", "received")
    default_sort = ("-starts_on", "code")
    select_related = ("organization",)
    create_url_name = "donations:fund_create"
    export_name = "funds"


class FundDetailView(PortalDetailView):
    model = Fund
    template_name = "donations/fund_detail.html"
    fields = [("code", _("Code")), ("name", _("Name")), ("kind", _("Kind")), ("purpose", _("Purpose")),
              ("organization__name", _("Organisation")), ("community__name", _("Community")),
              ("budget", _("Budget (yuan)")), ("starts_on", _("Starts on")), ("ends_on", _("Ends on")),
              ("status", _("Status")), ("management_cost_rate", _("Management cost rate")),
              ("received", _("Received (yuan)")), ("spent", _("Spent (yuan)")),
              ("management_spent", _("Management cost spent (yuan)")), ("balance", _("Balance (yuan)"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = selectors.ledger_by_month(self.object)
        return context


class FundCreateView(PortalCreateView):
    model = Fund
    form_class = FundForm

    def save(self, form):
        return services.fund_create(actor=self.request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})


DONATION_COLUMNS = [
    ("label", _("Receipt number")),
    ("status", _("Status")),
    ("donor__label", _("Donor")),
    ("is_anonymous", _("Anonymous")),
    ("fund__name", _("Designated to")),
    ("kind", _("Kind of property")),
    ("channel", _("Channel")),
    ("amount", _("Amount (yuan)")),
    ("received_on", _("Received on")),
    ("allocated", _("Spent (yuan)")),
    ("organization__name", _("Received by")),
]


class DonationListView(PortalListView):
    model = Donation
    filterset_class = DonationFilterSet
    columns = DONATION_COLUMNS
    sortable = ("amount", "received_on", "status")
    default_sort = ("-id",)
    select_related = ("donor", "fund", "organization")
    create_url_name = "donations:donation_create"
    import_kind = "donations.donation"
    export_name = "donations"


class DonationDetailView(PortalDetailView):
    model = Donation
    template_name = "donations/donation_detail.html"
    fields = [
        *DONATION_COLUMNS,
        ("donor__name", _("Donor's full name")),
        ("goods_description", _("Goods")),
        ("goods_quantity", _("Quantity")),
        ("goods_unit", _("Unit")),
        ("bank_reference", _("Bank statement reference")),
        ("confirmed_via", _("Confirmed via")),
        ("confirmed_at", _("Confirmed at")),
        ("confirmed_by__username", _("Handled by")),
        ("receipt_declined", _("The donor declined a receipt")),
        ("note", _("Note")),
        ("reverses", _("Corrects")),
        ("created_at", _("Recorded at")),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        donation = self.object
        context["trace"] = selectors.donation_trace(donation)
        if donation.status == DonationStatus.PLEDGED and self.request.user.has_perm("donations.change_donation"):
            context["confirm_form"] = ConfirmForm(initial={"received_on": timezone.localdate()})
        if donation.receipt_number and not donation.receipt_declined:
            context["receipt_token"] = receipt_token(donation)
        context["can_reverse"] = (donation.status == DonationStatus.CONFIRMED and donation.reverses_id is None
                                  and not Donation.objects.filter(reverses=donation).exists()
                                  and self.request.user.has_perm("donations.change_donation"))
        context["reason_form"] = ReasonForm()
        return context


class DonationCreateView(PortalCreateView):
    model = Donation
    form_class = DonationForm

    def save(self, form):
        return services.donation_record(actor=self.request.user, **form.cleaned_data)


class DonationActionView(PortalActionView):
    model = Donation
    follow_result = True
    actions = {
        "confirm": Action(services.donation_confirm, form=ConfirmForm, permission="donations.change_donation"),
        "cancel": Action(services.donation_cancel, form=ReasonForm, permission="donations.change_donation"),
        "reverse": Action(services.donation_reverse, form=ReasonForm, permission="donations.change_donation"),
    }


class DisbursementActionView(PortalActionView):
    model = Disbursement
    follow_result = True
    actions = {
        "approve": Action(services.disbursement_approve, permission="donations.approve_disbursement"),
        "reject": Action(services.disbursement_reject, form=ReasonForm, permission="donations.approve_disbursement"),
        "pay": Action(services.disbursement_pay, form=PayForm, permission="donations.approve_disbursement"),
        "reverse": Action(services.disbursement_reverse, form=ReasonForm,
                          permission="donations.approve_disbursement"),
    }


DISBURSEMENT_COLUMNS = [("purpose", _("Purpose")), ("status", _("Status")), ("fund__name", _("Fund or project")),
                        ("beneficiary_kind", _("Beneficiary")), ("beneficiary_name", _("Beneficiary (as published)")),
                        ("amount", _("Amount (yuan)")), ("requested_by__username", _("Requested by")),
                        ("requested_at", _("Requested at")), ("approved_at", _("Approved at")),
                        ("paid_at", _("Paid at"))]


class DisbursementListView(PortalListView):
    model = Disbursement
    filterset_class = DisbursementFilterSet
    columns = DISBURSEMENT_COLUMNS
    sortable = ("amount", "requested_at", "status")
    default_sort = ("-id",)
    select_related = ("fund", "requested_by")
    create_url_name = "donations:disbursement_create"
    export_name = "disbursements"


class ApprovalQueueView(DisbursementListView):
    """Requests waiting for an approver, oldest first."""

    title = _("Approvals queue")
    default_sort = ("requested_at",)
    export_name = "approvals"

    def get_queryset(self):
        return super().get_queryset().filter(status=DisbursementStatus.REQUESTED)


class DisbursementDetailView(PortalDetailView):
    model = Disbursement
    template_name = "donations/disbursement_detail.html"
    fields = [*DISBURSEMENT_COLUMNS, ("approved_by__username", _("Approved by")),
              ("payment_reference", _("Payment reference")), ("reverses", _("Corrects")), ("reason", _("Reason"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        d = self.object
        context["allocations"] = d.allocations.select_related("donation").order_by("id")
        context["can_decide"] = self.request.user.has_perm("donations.approve_disbursement")
        context["reversal"] = Disbursement.objects.filter(reverses=d).first()
        context.update(reason_form=ReasonForm(), pay_form=PayForm())
        return context


class DisbursementCreateView(PortalCreateView):
    model = Disbursement
    form_class = DisbursementForm

    def save(self, form):
        return services.disbursement_request(actor=self.request.user, **form.cleaned_data)


class AidCaseListView(PortalListView):
    model = AidCase
    filterset_class = AidCaseFilterSet
    columns = [("label", _("Aid case")), ("category", _("Category")), ("person__masked_name", _("Person helped")),
               ("assistance", _("Assistance given")), ("region__name", _("Region")), ("opened_on", _("Opened on"))]
    sortable = ("opened_on", "category")
    default_sort = ("-opened_on", "-id")
    select_related = ("person", "region")
    create_url_name = "donations:aidcase_create"
    export_name = "aid-cases"


class AidCaseDetailView(PortalDetailView):
    model = AidCase
    template_name = "donations/aidcase_detail.html"
    fields = [("category", _("Category")), ("person__masked_name", _("Person helped")),
              ("person__document_number_masked", _("Document number")), ("assistance", _("Assistance given")),
              ("region__name", _("Region")), ("organization__name", _("Organisation")), ("opened_on", _("Opened on"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_reveal"] = self.request.user.has_perm("people.reveal_personal_data")
        context["reason_form"] = ReasonForm()
        context["disbursements"] = self.object.disbursements.select_related("fund").order_by("-id")
        return context

    def post(self, request, *args, **kwargs):
        """Show the sensitive situation once, and log the access with its reason."""
        self.object = self.get_object()
        form = ReasonForm(request.POST)
        context = self.get_context_data(object=self.object)
        try:
            context["situation"] = services.aid_case_situation(
                case=self.object, actor=request.user, reason=form.data.get("reason", ""),
                channel=PersonalDataAccess.Channel.PORTAL, ip_address=request.META.get("REMOTE_ADDR"))
        except (ValidationError, PermissionDenied) as exc:
            errors_to_messages(request, exc)
            return redirect(self.object.get_absolute_url())
        return self.render_to_response(context)


class AidCaseCreateView(PortalCreateView):
    model = AidCase
    form_class = AidCaseForm

    def save(self, form):
        return services.aid_case_create(actor=self.request.user, **form.cleaned_data)


class DisclosureListView(PortalListView):
    model = Disclosure
    filterset_class = DisclosureFilterSet
    columns = [("title", _("Title")), ("kind", _("Kind")), ("fund__name", _("Fund or project")),
               ("period_start", _("From")), ("period_end", _("Until")), ("due_on", _("Due on")),
               ("published_at", _("Published at"))]
    sortable = ("published_at", "period_start")
    default_sort = ("-period_end", "-id")  # date order of the periods reported
    select_related = ("fund",)
    export_name = "disclosures"


class FinanceDashboardView(StaffRequiredMixin, generic.TemplateView):
    """Received, designated, disbursed, balance per fund and the management cost ratio, within the user's scope."""

    model = Fund
    template_name = "donations/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["d"] = selectors.finance_dashboard(self.request.user)
        return context


class ReconciliationView(StaffRequiredMixin, generic.TemplateView):
    """Pledges waiting to be matched against the bank statement, and confirmed totals per day and channel."""

    model = Donation
    template_name = "donations/reconciliation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = scope_queryset(Donation.objects.filter(status=DonationStatus.PLEDGED), self.request.user) \
            .select_related("fund", "donor").order_by("created_at")[:200]
        context["days"] = selectors.reconciliation(self.request.user)
        context["can_confirm"] = self.request.user.has_perm("donations.change_donation")
        context["today"] = timezone.localdate()
        context["statements"] = scope_queryset(BankStatement.objects.select_related("imported_by"),
                                               self.request.user)[:10]
        context["statement_form"] = kwargs.get("statement_form") or StatementForm()
        return context

    def post(self, request, *args, **kwargs):
        """Finance uploads the bank's statement file; its credits are matched to pledges."""
        if not request.user.has_perm("donations.change_donation"):
            raise PermissionDenied
        form = StatementForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                statement = services.bank_statement_import(actor=request.user, file_name=upload.name,
                                                           content=upload.read())
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                for problem in statement.problems[:20]:
                    messages.warning(request, problem)
                return redirect(statement.get_absolute_url())
        return self.render_to_response(self.get_context_data(statement_form=form))


class StatementDetailView(PortalDetailView):
    """One imported statement: matched lines to confirm, the rest to match by hand or set aside."""

    model = BankStatement
    template_name = "donations/statement_detail.html"

    def get_required_permission(self):
        return "donations.change_donation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = list(self.object.lines.select_related("donation__fund").order_by("row_number"))
        context.update(title=_("Bank statement %(file)s") % {"file": self.object.file_name}, lines=lines,
                       matched=[line for line in lines if line.status == StatementLineStatus.MATCHED],
                       unmatched=[line for line in lines if line.status == StatementLineStatus.UNMATCHED],
                       done=[line for line in lines if line.status in (StatementLineStatus.CONFIRMED,
                                                                       StatementLineStatus.IGNORED)])
        return context


def _confirmed_count(count):
    return ngettext("%(n)s gift confirmed; its receipt is issued.",
                    "%(n)s gifts confirmed; their receipts are issued.", count) % {"n": count}


class StatementConfirmView(PortalActionView):
    """Confirm every matched line of a statement at once."""

    model = BankStatement
    actions = {"": Action(services.statement_confirm_matched, permission="donations.change_donation",
                          arguments=lambda statement, request, data: {"statement": statement},
                          message=_confirmed_count)}


def _line_arguments(line, request, data):
    return {"line": line, **data}


class StatementLineActionView(PortalActionView):
    """One statement line: matched by hand to a pledge, set aside, or confirmed as a gift."""

    model = StatementLine
    actions = {
        "match": Action(services.statement_line_match, form=MatchForm, permission="donations.change_donation",
                        arguments=_line_arguments, message=_("Line matched to the pledge.")),
        "ignore": Action(services.statement_line_ignore, permission="donations.change_donation",
                         arguments=_line_arguments, message=_("Line set aside: not a donation.")),
        "confirm": Action(services.statement_line_confirm, permission="donations.change_donation",
                          arguments=_line_arguments, message=_("Gift confirmed; its receipt is issued.")),
    }
