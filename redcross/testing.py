"""Test personas and factories shared by every app's tests.

The personas follow STYLE.md: a city administrator, a district staffer of
锦江区 who owns the data, and a staffer of 青羊区 who must see nothing of it.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organizations.choices import OrganizationKind, StaffRole  # noqa: F401
from organizations.models import Organization, Region, StaffProfile
from people.identifiers import DocumentType, id_check_character

PASSWORD = "test-pass-2025"

CITY = "510100000000"
JINJIANG = "510104000000"
QINGYANG = "510105000000"
CHUNXILU = "510104022000"  # a town (street) of 锦江区
JINJIANG_COMMUNITY_PREFIX = "510104022"


def valid_id(area="510104", birth="19900101", seq="123"):
    first17 = f"{area}{birth}{seq}"
    return first17 + id_check_character(first17)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    class Params:
        region_code = JINJIANG

    name = factory.Sequence(lambda n: f"测试红十字工作站{n}")
    kind = OrganizationKind.WORK_STATION
    region = factory.LazyAttribute(lambda o: Region.objects.get(code=o.region_code))
    has_premises = True
    has_regular_work = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


def society(region_code, kind):
    organization = Organization.objects.filter(region_id=region_code, kind=kind, is_active=True).first()
    if organization is None:
        region = Region.objects.get(code=region_code)
        organization = OrganizationFactory(name=f"{region.name}红十字会", kind=kind, region=region)
    return organization


def make_staff(username, organization, role):
    user = UserFactory(username=username, first_name=username)
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.get_or_create(user=user, defaults={"organization": organization, "role": role})
    return user


def person_factory_kwargs(n, region_code):
    """Arguments for people.services.person_create with a valid, unique ID number."""
    community = Region.objects.filter(code__startswith=region_code[:6], level="community").order_by("code").first()
    return {
        "full_name": f"测试{n}",
        "document_type": DocumentType.RESIDENT_ID,
        "document_number": valid_id(area=region_code[:6], birth="19900101", seq=f"{n % 1000:03d}"),
        "mobile": f"138{n:08d}"[:11],
        "region": community,
    }


def run_at_once(count, work):
    """Run `work` in `count` threads released together, each on its own connection; their results or exceptions."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(count)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(work())
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread met
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


__all__ = [
    "PASSWORD", "CITY", "JINJIANG", "QINGYANG", "CHUNXILU", "OrganizationFactory", "UserFactory",
    "society", "make_staff", "valid_id", "person_factory_kwargs", "StaffRole",
    "run_at_once",
]


def xlsx_upload(header, rows) -> bytes:
    """An .xlsx file as a user would upload it: the header row, then the rows, written as they are."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)  # flat memory: the bench writes 100,000-row files with it
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
