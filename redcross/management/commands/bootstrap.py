"""Roles, Chengdu's regions and the demo data; idempotent.

A second run adds nothing and never overwrites what users entered: every demo
record is created only when its natural key is absent.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations import services as org_services
from organizations.choices import OrganizationKind, RegionLevel, StaffRole, UnitType
from organizations.models import Organization, Region, StaffProfile
from people import services as people_services
from people.identifiers import DocumentType, id_check_character
from redcross.roles import sync_roles

DEMO_PASSWORD = "redcross2025"
DEMO_USERS = [
    # username, full name, organisation region, organisation kind, role
    ("city_admin", "王建国", "510100000000", OrganizationKind.CITY_SOCIETY, StaffRole.CITY_ADMIN),
    ("jinjiang_staff", "李晓梅", "510104000000", OrganizationKind.DISTRICT_SOCIETY, StaffRole.DISTRICT_STAFF),
    ("qingyang_staff", "张伟", "510105000000", OrganizationKind.DISTRICT_SOCIETY, StaffRole.DISTRICT_STAFF),
    ("town_organiser", "陈静", "510104022000", OrganizationKind.TOWN_ORGANIZATION, StaffRole.ORGANISER),
    ("finance", "刘芳", "510100000000", OrganizationKind.CITY_SOCIETY, StaffRole.FINANCE),
    ("auditor", "赵敏", "510100000000", OrganizationKind.CITY_SOCIETY, StaffRole.AUDITOR),
    ("partner_yingji", "成都市应急管理局接口", "510100000000", OrganizationKind.CITY_SOCIETY, StaffRole.PARTNER_AGENCY),
]

MEMBER_UNITS = [
    ("四川大学红十字会", UnitType.UNIVERSITY, "510107000000"),
    ("电子科技大学红十字会", UnitType.UNIVERSITY, "510108000000"),
    ("成都市第七中学红十字会", UnitType.SCHOOL, "510107000000"),
    ("四川省人民医院红十字会", UnitType.HOSPITAL, "510105000000"),
    ("成都大熊猫繁育研究基地红十字服务站", UnitType.SCENIC_AREA, "510108000000"),
    ("都江堰景区红十字救护站", UnitType.SCENIC_AREA, "510181000000"),
    ("成都地铁运营有限公司红十字会", UnitType.ENTERPRISE, "510104000000"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["小红", "大伟", "丽", "晨", "建华", "秀英", "志强", "敏", "静", "磊", "婷", "军", "洋", "芳", "杰", "娟",
         "涛", "明", "超", "霞"]


def demo_people_rows(count=120):
    """Deterministic demo residents spread over Chengdu's districts, with valid ID numbers."""
    districts = ["510104", "510105", "510106", "510107", "510108", "510112", "510114", "510116", "510121", "510181"]
    rows = []
    for n in range(count):
        name = ("欧阳" if n % 17 == 0 else SURNAMES[(n + n // 10) % len(SURNAMES)]) + GIVEN[
            (n * 7 + n // 20) % len(GIVEN)
        ]
        area = districts[n % len(districts)]
        year = 1950 + int(_share(str(n), "year") * 58)
        birth = f"{year}{1 + n % 12:02d}{1 + (n * 3) % 28:02d}"
        rows.append((name, area, birth, f"{(n * 37) % 1000:03d}", f"1{3 + n % 7}{(n * 7919) % 10**9:09d}"))
    return rows


def _share(code: str, salt: str) -> float:
    """A stable pseudo-random share in [0, 1) from a code, so demo data is the same every run."""
    digest = hashlib.sha256(f"{salt}:{code}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


class Command(BaseCommand):
    help = "Create roles, load Chengdu's regions and the demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Roles and regions only.")

    def handle(self, *args, **options):
        sync_roles()
        added = org_services.regions_load()
        self.stdout.write(f"regions: {Region.objects.count()} ({added} added)")
        if options["no_demo"]:
            return
        with transaction.atomic():
            created = self.demo_organizations()
            users = self.demo_users()
            people = self.demo_people()
        from volunteers.demo import demo_volunteers

        volunteers = demo_volunteers()
        snapshots = org_services.coverage_recompute()
        self.stdout.write(
            f"demo: {created} organisations, {users} users, {people} people, {volunteers} volunteers added; "
            f"coverage for {snapshots} regions"
        )
        from donations.demo import demo_donations

        self.stdout.write(f"demo: {demo_donations()} donations confirmed")
        from training.demo import load_demo

        self.stdout.write(load_demo())

    def demo_organizations(self):
        existing = set(Organization.objects.values_list("region_id", "kind"))
        names = set(Organization.objects.values_list("name", flat=True))
        regions = list(Region.objects.all())
        new = []
        for region in regions:
            kind = None
            if region.level == RegionLevel.CITY:
                kind = OrganizationKind.CITY_SOCIETY if region.is_home_city else OrganizationKind.PARTNER_SOCIETY
            elif region.level == RegionLevel.DISTRICT and region.is_home_city:
                kind = OrganizationKind.DISTRICT_SOCIETY
            elif region.level == RegionLevel.TOWN and _share(region.code, "org") < 0.82:
                kind = OrganizationKind.TOWN_ORGANIZATION
            elif region.level == RegionLevel.COMMUNITY and _share(region.code, "station") < 0.64:
                kind = (OrganizationKind.SERVICE_CENTRE if _share(region.code, "centre") < 0.3
                        else OrganizationKind.WORK_STATION)
            if kind is None or (region.code, kind) in existing:
                continue
            suffix = {
                OrganizationKind.CITY_SOCIETY: "红十字会",
                OrganizationKind.PARTNER_SOCIETY: "红十字会",
                OrganizationKind.DISTRICT_SOCIETY: "红十字会",
                OrganizationKind.TOWN_ORGANIZATION: "红十字会",
                OrganizationKind.SERVICE_CENTRE: "红十字服务中心",
                OrganizationKind.WORK_STATION: "红十字工作站",
            }[kind]
            base = region.name.replace("社区居委会", "社区").replace("村委会", "村")
            top = kind in (OrganizationKind.CITY_SOCIETY, OrganizationKind.DISTRICT_SOCIETY,
                           OrganizationKind.PARTNER_SOCIETY)
            new.append(
                Organization(
                    name=f"{base}{suffix}",
                    kind=kind,
                    region=region,
                    has_premises=top or _share(region.code, "premises") < 0.85,
                    has_regular_work=top or _share(region.code, "work") < 0.8,
                    established_on=f"{1950 + int(_share(region.code, 'year') * 70)}-"
                    f"{1 + int(_share(region.code, 'm') * 12):02d}-01",
                    contact_person="",
                    is_active=True,
                )
            )
        Organization.objects.bulk_create(new, batch_size=1000)
        count = len(new)
        for name, unit_type, region_code in MEMBER_UNITS:
            if name not in names:
                Organization.objects.create(
                    name=name, kind=OrganizationKind.MEMBER_UNIT, unit_type=unit_type, region_id=region_code,
                    has_premises=True, has_regular_work=True,
                )
                count += 1
        return count

    def demo_users(self):
        User = get_user_model()
        count = 0
        for username, full_name, region_code, kind, role in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            organization = Organization.objects.get(region_id=region_code, kind=kind, is_active=True)
            org_services.staff_user_create(
                username=username, password=DEMO_PASSWORD, organization=organization, role=role, full_name=full_name,
            )
            count += 1
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.org", DEMO_PASSWORD)
            count += 1
        StaffProfile.objects.count()
        return count

    def demo_people(self):
        count = 0
        for index, (name, area, birth, seq, mobile) in enumerate(demo_people_rows()):
            first17 = f"{area}{birth}{seq}"
            number = first17 + id_check_character(first17)
            if people_services.person_find_by_document(document_type=DocumentType.RESIDENT_ID, document_number=number):
                continue
            communities = Region.objects.filter(code__startswith=area, level=RegionLevel.COMMUNITY).order_by("code")
            region = communities[(index * 13) % communities.count()]
            people_services.person_create(
                full_name=name, document_type=DocumentType.RESIDENT_ID, document_number=number,
                mobile=mobile, region=region,
            )
            count += 1
        return count
