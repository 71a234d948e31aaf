"""What staff and the public notice: names masked 张*明 with a link, a to-do panel, one verification page,
labels in the history, phone-sized menus, PDFs in an embedded font, names and organisations that make sense."""

import re

import pytest
from django.core.exceptions import ValidationError

from donations import services as donation_services
from organizations.models import Organization, Region
from organizations.services import organization_create
from people.identifiers import mask_name
from redcross.documents import wrap_text
from redcross.validation import clean_name, clean_text
from tests.donations import samples as donation_samples
from tests.redcross.test_labels import visible_text
from tests.training import samples as training_samples
from tests.volunteers import samples as volunteer_samples

pytestmark = pytest.mark.django_db


def test_names_are_masked_with_surname_and_last_character():
    assert mask_name("张三明") == "张*明"
    assert mask_name("欧阳娜娜") == "欧阳*娜"
    assert mask_name("张三") == "张*"


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "😀😀", "0", "a" * 300, "张\x00三",
                                 "=cmd|' /C calc'!A0", "   "])
def test_a_person_name_refuses_markup_emoji_digits_and_overlong_values(bad):
    with pytest.raises(ValidationError):
        clean_name(bad, kind="person")


@pytest.mark.parametrize("good", ["张三", "欧阳娜娜", "买买提·艾力", "John Smith", "Anne-Marie O'Neil"])
def test_real_person_names_pass(good):
    assert clean_name(good, kind="person") == good


def test_an_organisation_name_needs_two_letters_and_free_text_refuses_markup():
    assert clean_name("成都市第七中学（高新校区）", kind="organization")
    with pytest.raises(ValidationError):
        clean_name("0", kind="organization")
    with pytest.raises(ValidationError):
        clean_text("<img src=x onerror=alert(1)>", label="备注")
    assert clean_text("第一行\n第二行", label="备注") == "第一行\n第二行"


def test_an_organisation_kind_exists_only_at_its_level(personas):
    community = Region.objects.filter(code__startswith="510104022", level="community").first()
    with pytest.raises(ValidationError) as error:
        organization_create(actor=personas["city_admin"], name="测试市红十字会", kind="city_society", region=community)
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        organization_create(actor=personas["city_admin"], name="0", kind="work_station", region=community)
    assert "name" in error.value.message_dict
    assert organization_create(actor=personas["city_admin"], name="锦江测试社区红十字工作站", kind="work_station",
                               region=community).pk
    assert not Organization.objects.filter(name="0").exists()


def test_the_workbench_lists_what_waits_for_each_role(personas, client):
    source = donation_samples.fund(personas)
    donation_samples.gift(personas, source, amount="100.00")
    donation_samples.disbursement(personas, source, amount="10.00")
    donation_services.donation_pledge(key="todo-1", fund=source, amount="5", name="王小明", mobile="13812345678")
    volunteer_samples.volunteer(personas)
    client.force_login(personas["city_admin"])
    page = client.get("/portal/").content.decode()
    assert 'id="todo"' in page
    client.force_login(donation_samples.second_finance(personas))
    todos = {item.label: item.count for item in client.get("/portal/").context["todos"]}
    assert any(count == 1 for label, count in todos.items() if "拨付" in label or "isburse" in label)
    assert any(count == 1 for label, count in todos.items() if "认捐" in label or "ledge" in label)


def test_a_pending_applicant_is_opened_from_the_masked_name(personas, client):
    volunteer = volunteer_samples.volunteer(personas)
    client.force_login(personas["jinjiang"])
    page = client.get("/portal/volunteers/").content.decode()
    link = re.search(rf'<a href="{volunteer.get_absolute_url()}">([^<]+)</a>', page)
    assert link and "*" in link.group(1)


def test_yes_no_filters_default_to_all_and_regions_are_picked_by_name(personas, client):
    client.force_login(personas["jinjiang"])
    page = client.get("/portal/organizations/").content.decode()
    assert "全部" in page
    assert re.search(r'<select name="region"[^>]*>', page) and "春熙路街道" in page
    assert "12位" not in page


def test_one_verification_page_knows_certificates_and_receipts(personas, client):
    certificate = volunteer_samples.certificate(personas)
    first_aid = training_samples.certificate(personas)
    gift = donation_samples.gift(personas, donation_samples.fund(personas), amount="10.00")
    for number in (certificate.number, first_aid.number, gift.receipt_number):
        response = client.get("/verify/", {"number": number})
        assert response.status_code == 200 and 'id="verification-state"' in response.content.decode(), number
    unknown = client.get("/verify/", {"number": "ZYZ20269999999"})
    assert unknown.status_code == 404 and 'id="verification"' in unknown.content.decode()
    assert client.get("/verify/", {"number": "hello"}).status_code == 404
    assert client.get(f"/v/{gift.receipt_number}")["Location"].endswith(f"number={gift.receipt_number}")
    assert 'href="/verify/"' in client.get("/").content.decode()


def test_the_history_page_speaks_labels(personas, client):
    client.force_login(personas["jinjiang"])
    organization = personas["orgs"]["chunxilu"]
    client.post(f"/portal/organizations/{organization.pk}/edit/", {
        "name": "春熙路街道红十字会（新）", "kind": "town_organization", "region": "510104022000",
        "has_premises": "on", "is_active": "on"})
    client.force_login(personas["auditor"])
    response = client.get("/portal/history/", {"model": "organizations.Organization"})
    page, text = response.content.decode(), visible_text(response.content)
    assert "organizations.Organization" not in text and "update" not in text
    assert "修改" in page and "春熙路街道红十字会（新）" in page
    assert organization.get_absolute_url() in page


def test_import_pages_name_what_they_import_and_list_the_columns(personas, client):
    client.force_login(personas["jinjiang"])
    response = client.get("/portal/imports/new/people.person/")
    page = response.content.decode()
    assert "people.person" not in visible_text(response.content)
    assert page.count("<tr>") >= 3  # the column table is filled


def test_pdfs_embed_the_chinese_font(personas, client):
    certificate = training_samples.certificate(personas)
    client.force_login(personas["jinjiang"])
    response = client.get(f"/portal/training/certificates/{certificate.pk}/pdf/")
    content = response.content
    assert b"FontFile2" in content  # an embedded TrueType font, not a viewer's substitute
    assert b"STSong" not in content


def test_chinese_lines_never_start_with_a_closing_mark():
    text = "成都市红十字会（锦江区）应急救护培训，合格。" * 6
    for width in range(60, 200, 7):
        lines = wrap_text(text, width, 10)
        assert all(line[:1] not in "，。）》、" for line in lines[1:] if line)
        assert all(line[-1:] not in "（《" for line in lines if line)


def test_a_large_list_filter_takes_a_name_or_number_instead_of_an_id(personas, client):
    source = donation_samples.fund(personas)
    for name, mobile in (("王大善", "13900000071"), ("李小善", "13900000072")):
        donation_samples.gift(personas, source, amount="10.00",
                              giver=donation_samples.donor(personas, name=name, mobile=mobile))
    client.force_login(personas["finance"])
    response = client.get("/portal/donations/", {"donor": "王大"})
    assert response.context["paginator"].count == 1
    page = response.content.decode()
    assert re.search(r'<input type="text" name="donor"', page) and 'placeholder="ID"' not in page


def test_make_run_is_a_demo_with_branded_error_pages_not_django_debug():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert 'setdefault("DJANGO_DEMO", "true")' in (root / "scripts" / "platformctl.py").read_text()
    from tests.redcross.test_platform import production_env

    environ = production_env(DJANGO_DEMO="true", DJANGO_ALLOWED_HOSTS=None)
    code = ("from django.conf import settings as s; "
            "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, 'localhost' in s.ALLOWED_HOSTS)")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=root, env=environ,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "False", "False", "True"], result.stderr


def test_an_unknown_page_is_the_branded_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "成都市红十字会" in response.content.decode()
    assert "Traceback" not in response.content.decode()
