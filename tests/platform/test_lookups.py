"""redcross.lookups: `field__any`, the rows of `field__in` with the values sent as one array."""

from organizations.models import Region
from people.models import Person


def test_the_any_lookup_finds_the_rows_in_finds(platform_data, django_assert_num_queries):
    """`field__any` (one array parameter) answers as `field__in` for text and integer fields, and an empty list
    asks nothing."""
    regions = Region.objects.filter(code__startswith="510104").order_by("code")
    codes = list(regions.values_list("code", flat=True)[:40]) + ["999999999999"]
    assert list(Region.objects.filter(code__any=codes).order_by("code")) == \
        list(Region.objects.filter(code__in=codes).order_by("code"))
    people = [Person.objects.create(full_name=f"查找{n}", document_number_hash=f"h{n}", region=regions.last())
              for n in range(3)]
    ids = [people[0].pk, people[2].pk, 10**12]
    assert sorted(Person.objects.filter(pk__any=ids).values_list("pk", flat=True)) == sorted(ids[:2])
    assert "= ANY(" in str(Person.objects.filter(pk__any=ids).query)
    assert set(Person.objects.filter(region_id__any=[regions.last().code]).values_list("pk", flat=True)) == \
        set(Person.objects.filter(region_id__in=[regions.last().code]).values_list("pk", flat=True)) >= {ids[0]}
    with django_assert_num_queries(0):
        assert list(Person.objects.filter(document_number_hash__any=[])) == []
