"""The blood centre's figures for the drives, from its Excel or CSV report: one row per drive."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redcross.imports import Column, Importer, register
from redcross.scoping import scope_queryset
from sanxian import services
from sanxian.choices import FigureSource
from sanxian.models import BloodDrive


@register
class DriveFiguresImporter(Importer):
    """Donors registered and units collected per drive, as the blood centre reported them."""

    key = "sanxian.drive_figures"
    label = gettext_lazy("Blood centre figures")
    permission = "sanxian.change_blooddrive"
    columns = [
        Column("drive", gettext_lazy("Drive number"), required=True, example="12"),
        Column("donors_registered", gettext_lazy("Donors registered"), required=True, example="86"),
        Column("units_collected", gettext_lazy("Units collected"), required=True, example="152.5"),
    ]

    def prepare(self):
        today = timezone.localdate()
        self.drives = {d.pk: d for d in scope_queryset(BloodDrive.objects.filter(held_on__lte=today), self.user)}

    def validate_row(self, values):
        errors = {}
        raw = (values.get("drive") or "").strip()
        drive = self.drives.get(int(raw)) if raw.isdigit() else None
        if drive is None:
            errors["drive"] = [_("Drive: %(value)s is not a past drive of your area.") % {"value": raw}]
        raw_donors = (values.get("donors_registered") or "").strip()
        if not raw_donors.isdigit():
            errors["donors_registered"] = [_("Donors registered: enter a whole number.")]
        try:
            units = Decimal(values.get("units_collected") or "")
            if not units.is_finite() or units < 0:
                raise InvalidOperation
        except InvalidOperation:
            errors["units_collected"] = [_("Units collected: enter a number, not negative.")]
        if errors:
            raise ValidationError(errors)
        return {"drive": drive, "donors_registered": int(raw_donors), "units_collected": units}

    def check_batch(self, cleaned, row_numbers):
        errors, seen = {}, {}
        for index, row in enumerate(cleaned):
            pk = row["drive"].pk
            if pk in seen:
                errors[index] = {"drive": [_("Drive: the same drive appears on row %(row)s.")
                                           % {"row": row_numbers[seen[pk]]}]}
            else:
                seen[pk] = index
        return errors

    def write(self, cleaned):
        with transaction.atomic():
            for row in cleaned:
                drive = row["drive"]
                services.drive_save(actor=self.user, drive=drive, figures_source=FigureSource.IMPORTED,
                                    donors_registered=row["donors_registered"],
                                    units_collected=row["units_collected"])
                BloodDrive.objects.filter(pk=drive.pk).update(figures_source=FigureSource.IMPORTED)
        return len(cleaned)
