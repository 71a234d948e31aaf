"""redcross.instances.build gives the instance Model(**values) gives, for the models the importers build per row."""

from decimal import Decimal

import pytest
from django.utils import timezone

from donations.models import Donation, Donor
from organizations.models import Region
from people.models import Person
from redcross.instances import build
from training.models import Enrolment
from volunteers.models import Volunteer


def field_values(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_build_matches_the_keyword_constructor(platform_data, django_assert_num_queries):
    region = Region.objects.filter(code__startswith="510104", level="community").order_by("code").first()
    now = timezone.now()
    cases = [
        (Person, {"full_name": "张三", "region": region, "birth_date": None, "sex": "",
                  "document_number_masked": "5101**********123X"}),
        (Volunteer, {"organization_id": 7, "tier": "professional", "skills": ["nurse"], "consent_at": now,
                     "decided_by_id": 3}),
        (Donation, {"organization_id": 1, "fund_id": 2, "donor_id": None, "is_anonymous": True, "kind": "money",
                    "channel": "bank_transfer", "amount": Decimal("500.00"), "note": ""}),
        (Donor, {"kind": "individual", "name": "李四", "mobile_hash": "ab", "organization_id": 4}),
        (Enrolment, {"session_id": 9, "person_id": 11, "status": "booked", "group_name": "七中"}),
    ]
    for model, values in cases:
        built, plain = build(model, **values), model(**values)
        assert field_values(built) == field_values(plain), model.__name__
        assert built._state.adding and built._state.db is None and built.pk is None
    person = build(Person, full_name="张三", region=region)
    assert person.region_id == region.code
    with django_assert_num_queries(0):  # the region given is kept, as the keyword constructor keeps it
        assert person.region is region


def test_a_mutable_default_is_made_for_each_instance():
    first, second = build(Volunteer), build(Volunteer)
    first.skills.append("nurse")
    assert second.skills == [] and Volunteer().skills == []


def test_an_unknown_field_is_refused_as_the_constructor_refuses_it():
    with pytest.raises(TypeError, match="no_such_field"):
        build(Person, full_name="张三", no_such_field=1)



def test_a_model_something_listens_to_the_init_of_is_built_by_its_constructor():
    """build fills the instance's dict itself, without Model.__init__, unless a receiver of pre_init or post_init
    expects to see the instance made (as an ImageField's dimensions do)."""
    from django.db.models import signals

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.full_name)

    build(Person, full_name="张三")
    signals.post_init.connect(receiver, sender=Person)
    try:
        build(Person, full_name="李四")
    finally:
        signals.post_init.disconnect(receiver, sender=Person)
    assert seen == ["李四"]
