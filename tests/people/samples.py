"""锦江 samples for the people registry, discovered by the platform walks (tests/platform/)."""

from people import rights
from people import services as people_services
from people.models import Person, PersonalDataAccess, PersonalDataRequest
from redcross.testing import person_factory_kwargs


def person(personas, n=1):
    return people_services.person_create(**person_factory_kwargs(n, "510104022000"))


def access(personas):
    someone = person(personas, n=2)
    people_services.person_reveal(person=someone, actor=personas["city_admin"], reason="test", channel="api")
    return PersonalDataAccess.objects.get(person=someone)


def data_request(personas):
    return rights.data_request_record(actor=personas["jinjiang"], person=person(personas, n=3), kind="access",
                                      details="查看我的信息", received_via="窗口")


SAMPLES = {
    Person: person,
    PersonalDataAccess: access,
    PersonalDataRequest: data_request,
}


def many(personas, count=60):
    for n in range(count):
        someone = people_services.person_create(**person_factory_kwargs(n, "510104022000"))
        people_services.person_reveal(person=someone, actor=personas["city_admin"], reason="test", channel="api")
