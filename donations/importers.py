"""Bulk import of gifts received (bank statement or register exports) as records awaiting finance confirmation.

Each row goes through the same checks as `donations.services.donation_record`; donors are found (credit
code, or name and mobile) or created; the gifts are written with COPY and confirmed one by one by finance,
which issues the receipt numbers.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from donations.choices import Channel, DonorKind
from donations.models import Donation, Donor, Fund
from donations.money import lookup_name_hash, money
from people import crypto
from people.identifiers import mask_mobile, normalize_credit_code, validate_credit_code
from people.services import mobile_clean
from redcross.errors import merge
from redcross.imports import Column, Importer, choice_lookup, copy_insert, copy_stream, register
from redcross.instances import build
from redcross.scoping import scope_queryset

YES = {"是", "yes", "y", "1", "true", "同意"}


@register
class DonationImporter(Importer):
    key = "donations.donation"
    label = gettext_lazy("Donations")
    permission = "donations.add_donation"
    columns = [
        Column("fund", gettext_lazy("Fund code"), required=True, example="EM-2026-FLOOD"),
        Column("amount", gettext_lazy("Amount (yuan)"), required=True, example="500.00"),
        Column("channel", gettext_lazy("Channel"), example="银行转账"),
        Column("donor_name", gettext_lazy("Donor"), example="成都天府餐饮集团有限公司"),
        Column("credit_code", gettext_lazy("Unified social credit code"), example=""),
        Column("mobile", gettext_lazy("Mobile"), example="13812345678"),
        Column("publish_name", gettext_lazy("Name may be published"), example="是"),
        Column("note", gettext_lazy("Note"), example=""),
    ]

    def prepare(self):
        self.funds = {f.code: f for f in scope_queryset(Fund.objects.filter(status="open"), self.user)
                      .select_related("organization")}
        self.channels = choice_lookup(Channel.choices)

    def validate_row(self, values):
        errors = {}
        fund = self.funds.get(values.get("fund", "").strip())
        if fund is None:
            errors["fund"] = [_("Fund: %(code)s is not an open fund within your area.") % {"code": values.get("fund")}]
        try:
            amount = money(values.get("amount", ""))
        except ValidationError as exc:
            merge(errors, exc)
            amount = None
        channel = self.channels.get((values.get("channel") or Channel.BANK_TRANSFER).strip())
        if channel is None or channel == Channel.GOODS:
            errors["channel"] = [_("Channel: choose one of the listed channels.")]
        name = (values.get("donor_name") or "").strip()
        code = normalize_credit_code(values.get("credit_code", ""))
        if code:
            try:
                code = validate_credit_code(code)
            except ValidationError as exc:
                errors["credit_code"] = exc.messages
        mobile = ""
        if values.get("mobile"):
            try:
                mobile = mobile_clean(values["mobile"])
            except ValidationError as exc:
                merge(errors, exc)
        if code and not name:
            errors["donor_name"] = [_("Donor: an organisation needs its name.")]
        if errors:
            raise ValidationError(errors)
        return {"fund": fund, "amount": amount, "channel": channel, "name": name[:200], "credit_code": code,
                "mobile": mobile, "publish_name": (values.get("publish_name") or "").strip().lower() in YES,
                "note": (values.get("note") or "").strip()[:255]}

    @staticmethod
    def _donor_key(row):
        if not row["name"]:
            return None
        if row["credit_code"]:
            return ("code", row["credit_code"])
        return ("person", row["name"], crypto.mobile_hash(row["mobile"]))

    def _donors(self, cleaned, keys) -> dict:
        """The donor of each key: found (credit code, or name and mobile; the latest when several match, as
        `.first()` finds it) or added, all rows at once; a new donor takes its first row's details."""
        first_rows = {}
        for row, key in zip(cleaned, keys, strict=True):
            if key is not None:
                first_rows.setdefault(key, row)
        codes = [key[1] for key in first_rows if key[0] == "code"]
        names = sorted({key[1] for key in first_rows if key[0] == "person"})
        known = {}
        for start in range(0, len(codes), 5000):
            for donor in Donor.objects.filter(credit_code__any=codes[start:start + 5000]).order_by("-id"):
                known.setdefault(("code", donor.credit_code), donor)
        for start in range(0, len(names), 5000):
            for donor in Donor.objects.filter(kind=DonorKind.INDIVIDUAL, name__any=names[start:start + 5000]
                                              ).order_by("-id"):
                known.setdefault(("person", donor.name, donor.mobile_hash), donor)
        new = []
        for key, row in first_rows.items():
            if key in known:
                continue
            mobile = row["mobile"]
            donor = build(Donor, kind=DonorKind.ORGANIZATION if row["credit_code"] else DonorKind.INDIVIDUAL,
                          name=row["name"], credit_code=row["credit_code"], publish_name=row["publish_name"],
                          mobile_encrypted=crypto.encrypt(mobile), mobile_hash=key[2] if key[0] == "person" else
                          crypto.mobile_hash(mobile), mobile_masked=mask_mobile(mobile),
                          organization_id=row["fund"].organization_id)
            known[key] = donor
            new.append(donor)
        copy_insert(Donor, new, assign_pk=True)
        return known

    def write(self, cleaned):
        keys = [self._donor_key(row) for row in cleaned]
        name_hashes = {}
        with transaction.atomic():
            donors = self._donors(cleaned, keys)
            # Each gift goes to the COPY as it is built: the server inserts while the next ones are made.
            with copy_stream(Donation) as send:
                for row, key in zip(cleaned, keys, strict=True):
                    donor = donors[key] if key is not None else None
                    name = row["name"]
                    if name and name not in name_hashes:
                        name_hashes[name] = lookup_name_hash(name)
                    send(build(
                        Donation, organization_id=row["fund"].organization_id, fund_id=row["fund"].pk,
                        donor_id=donor.pk if donor is not None else None, is_anonymous=donor is None,
                        kind="money", channel=row["channel"], amount=row["amount"], note=row["note"],
                        public_name=donor.name if donor is not None and donor.publish_name else "",
                        lookup_name_hash=name_hashes[name] if name else "",
                        lookup_mobile_hash=donor.mobile_hash if donor is not None else ""))
            return len(cleaned)
