"""Portal pages of bulk imports: upload, progress bar, bad rows, decision, error report."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from organizations.selectors import staff_home_region
from redcross import imports
from redcross.models import ImportJob
from redcross.portal.errors import errors_to_form
from redcross.portal.views import PortalListView, StaffRequiredMixin
from redcross.scoping import scope_queryset

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel or CSV file"))
    import_good_rows = forms.BooleanField(
        label=gettext_lazy("If some rows are bad, import the good rows anyway"), required=False,
        help_text=gettext_lazy("Leave unticked to review the bad rows first: nothing is written until you decide."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("File: at most 50 MB."))
        return upload


def _importer(kind):
    importer = imports.REGISTRY.get(kind)
    if importer is None:
        raise Http404
    return importer


class ImportCreateView(StaffRequiredMixin, generic.FormView):
    model = ImportJob
    form_class = ImportForm
    template_name = "portal/import_new.html"

    def dispatch(self, request, *args, **kwargs):
        self.importer = _importer(kwargs["kind"])
        if request.user.is_authenticated and not request.user.has_perm(self.importer.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Import %(what)s") % {"what": force_str(self.importer.label)},
                       importer_label=self.importer.label, columns=list(self.importer.columns),
                       kind=self.kwargs["kind"])
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            job = imports.import_create(
                kind=self.kwargs["kind"], user=self.request.user, region=staff_home_region(self.request.user),
                file_name=upload.name, content=upload.read(), import_good_rows=form.cleaned_data["import_good_rows"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
            return self.form_invalid(form)
        return redirect(job.get_absolute_url())


class ImportTemplateView(StaffRequiredMixin, generic.View):
    model = ImportJob

    def get(self, request, kind):
        importer = _importer(kind)
        response = HttpResponse(imports.template_workbook(importer),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
        return response


class ScopedJobMixin(StaffRequiredMixin):
    model = ImportJob

    def get_job(self):
        return get_object_or_404(scope_queryset(ImportJob.objects.all(), self.request.user), pk=self.kwargs["pk"])


class ImportDetailView(ScopedJobMixin, generic.View):
    def get(self, request, pk):
        job = self.get_job()
        return render(request, "portal/import_detail.html", {
            "job": job, "title": str(job), "progress": imports.get_progress(job),
            "errors": job.errors[:500], "more_errors": max(0, len(job.errors) - 500),
        })

    def post(self, request, pk):
        job = self.get_job()
        if job.created_by_id != request.user.pk and not request.user.has_perm(imports.REGISTRY[job.kind].permission):
            raise PermissionDenied
        try:
            imports.import_decide(job=job, user=request.user, proceed=request.POST.get("decision") == "import")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(job.get_absolute_url())


class ImportStatusView(ScopedJobMixin, generic.View):
    """Polled by the progress bar."""

    def get(self, request, pk):
        job = self.get_job()
        progress = imports.get_progress(job)
        return JsonResponse({
            "status": job.status, "status_display": job.get_status_display(), "finished": job.finished,
            "needs_decision": job.status == ImportJob.Status.NEEDS_DECISION,
            "done": progress["done"], "total": progress["total"] or job.total_rows, "phase": progress["phase"],
            "total_rows": job.total_rows, "good_rows": job.good_rows, "bad_rows": job.bad_rows,
            "imported_rows": job.imported_rows,
        })


class ImportErrorsView(ScopedJobMixin, generic.View):
    """Every bad row with its reason, as Excel, to fix and upload again."""

    def get(self, request, pk):
        from redcross.exports import Sheet, xlsx_response

        job = self.get_job()
        rows = ([error["row"], error["column"], error["message"]] for error in job.errors)
        return xlsx_response(f"import-{job.pk}-errors.xlsx",
                             [Sheet(_("Bad rows"), [_("Row"), _("Column"), _("Reason")], rows)])


class ImportFilterSet(django_filters.FilterSet):
    class Meta:
        model = ImportJob
        fields = ["kind", "status"]


class ImportListView(PortalListView):
    model = ImportJob
    filterset_class = ImportFilterSet
    columns = [("file_name", gettext_lazy("File")), ("kind_label", gettext_lazy("What")),
               ("status", gettext_lazy("Status")), ("total_rows", gettext_lazy("Rows")),
               ("bad_rows", gettext_lazy("Bad rows")), ("imported_rows", gettext_lazy("Imported")),
               ("created_by__username", gettext_lazy("Uploaded by")), ("created_at", gettext_lazy("Uploaded at"))]
    sortable = ("created_at", "total_rows")
    default_sort = ("-created_at",)
    select_related = ("created_by",)
    export_name = "imports"

    def get_queryset(self):
        return super().get_queryset().defer("content", "errors")
