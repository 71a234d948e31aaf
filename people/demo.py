"""Demo residents for the apps' demo data (`make run`): deterministic, found again on a second run."""

from organizations.models import Region
from people.identifiers import DocumentType, id_check_character
from people.services import person_create, person_find_by_document

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["思远", "雨桐", "明轩", "若曦", "建军", "丽华", "子涵", "海燕", "永强", "静怡"]


def demo_person(n, area, prefix=300):
    """Resident number `n` of a district (`area`, six digits), with a valid ID number; the same person every run."""
    first17 = f"{area}{1975 + n % 25}{1 + n % 12:02d}{1 + n % 28:02d}{prefix + n % 200:03d}"
    number = first17 + id_check_character(first17)
    existing = person_find_by_document(document_type=DocumentType.RESIDENT_ID, document_number=number)
    if existing is not None:
        return existing
    region = Region.objects.filter(code__startswith=area, level="community").order_by("code")[n % 30]
    return person_create(full_name=SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 3) % len(GIVEN)],
                         document_type=DocumentType.RESIDENT_ID, document_number=number,
                         mobile=f"139{n:04d}{area[-4:]}", region=region)
