"""The donations import finds donors for the whole file at once: a donor on record is reused, never doubled."""


import pytest

from donations.models import Donation, Donor
from organizations.selectors import staff_home_region
from people.identifiers import credit_check_character
from redcross.imports import import_create
from redcross.models import ImportJob
from redcross.testing import xlsx_upload
from tests.donations.samples import fund

pytestmark = pytest.mark.django_db

HEADER = ["基金编号", "金额（元）", "渠道", "捐赠人", "统一社会信用代码", "手机号码", "同意公开名称", "备注"]


def _import(user, rows, capture):
    with capture(execute=True):
        job = import_create(kind="donations.donation", user=user, region=staff_home_region(user),
                            file_name="gifts.xlsx", content=xlsx_upload(HEADER, rows), import_good_rows=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    return job


def test_donors_on_record_are_reused_across_files(personas, django_capture_on_commit_callbacks):
    source = fund(personas)
    code = "91510104MA6CBRG1X" + credit_check_character("91510104MA6CBRG1X")
    user = personas["jinjiang"]
    first = [[source.code, "100", "银行转账", "张三", "", "13812345678", "是", ""],
             [source.code, "500", "银行转账", "春熙商会", code, "", "是", ""],
             [source.code, "20", "现金", "", "", "", "", "匿名"]]
    _import(user, first, django_capture_on_commit_callbacks)
    assert Donor.objects.count() == 2
    second = [[source.code, "200", "银行转账", "张三", "", "138 1234 5678", "否", ""],   # the same person
              [source.code, "300", "银行转账", "张三", "", "13900000000", "", ""],      # another 张三
              [source.code, "800", "银行转账", "春熙商会", code, "", "", "第二笔"],
              [source.code, "900", "银行转账", "春熙商会", code, "", "", "第三笔"]]
    job = _import(user, second, django_capture_on_commit_callbacks)
    assert job.imported_rows == 4
    assert Donor.objects.count() == 3
    zhang = Donor.objects.get(name="张三", mobile_masked="138****5678")
    assert zhang.donations.count() == 2 and zhang.publish_name is True  # the first file's consent stands
    assert Donor.objects.get(credit_code=code).donations.count() == 3
    gift = Donation.objects.get(amount=200)
    assert gift.public_name == "张三" and gift.lookup_mobile_hash == zhang.mobile_hash and gift.lookup_name_hash
    assert Donation.objects.get(amount=20).donor is None
