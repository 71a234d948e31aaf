"""The running ledger initialised from the posted gifts and disbursements already recorded (two grouped scans)."""

from django.conf import settings
from django.db import migrations

FILL = """
INSERT INTO donations_ledgermonth (fund_id, month, income, spending, gifts, disbursements, corrections)
SELECT fund_id, month, SUM(income), SUM(spending), SUM(gifts), SUM(disbursements), SUM(corrections) FROM (
    SELECT fund_id, date_trunc('month', received_on)::date AS month, SUM(amount) AS income, 0 AS spending,
           COUNT(*) FILTER (WHERE reverses_id IS NULL) AS gifts, 0 AS disbursements,
           COUNT(*) FILTER (WHERE reverses_id IS NOT NULL) AS corrections
    FROM donations_donation WHERE status = 'confirmed' GROUP BY 1, 2
    UNION ALL
    SELECT fund_id, date_trunc('month', approved_at AT TIME ZONE %s)::date, 0, SUM(amount), 0, COUNT(*),
           COUNT(*) FILTER (WHERE reverses_id IS NOT NULL)
    FROM donations_disbursement WHERE status IN ('approved', 'paid') GROUP BY 1, 2
) movements GROUP BY 1, 2
"""


def fill(apps, schema_editor):
    schema_editor.execute(FILL, [settings.TIME_ZONE])


def empty(apps, schema_editor):
    schema_editor.execute("DELETE FROM donations_ledgermonth")


class Migration(migrations.Migration):
    dependencies = [("donations", "0005_ledger_month")]

    operations = [migrations.RunPython(fill, empty)]
