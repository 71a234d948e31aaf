"""Under real concurrent connections: a centre is accepted once, and the same person is listed once."""

import pytest
from django.core.exceptions import ValidationError

from organizations import grassroots_services as services
from organizations.models import Centre, CentreStaff
from redcross.testing import run_at_once
from tests.organizations import samples
from tests.organizations.test_grassroots import complete_checklist

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_staffers_accepting_the_same_centre_at_once_accept_it_once(personas):
    centre = complete_checklist(samples.centre(personas), personas)
    services.centre_advance(actor=personas["jinjiang"], centre=centre, to_status="built")
    outcomes = run_at_once(4, lambda: services.centre_advance(actor=personas["jinjiang"], centre=centre,
                                                               to_status="accepted"))
    assert sum(isinstance(o, Centre) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) and "status" in o.message_dict for o in outcomes) == 3
    assert Centre.objects.get(pk=centre.pk).status == "accepted"


def test_the_same_certificate_listed_twice_at_once_is_listed_once(personas):
    from tests.training import samples as training_samples

    centre = samples.centre(personas)
    number = training_samples.certificate(personas, n=970).number
    outcomes = run_at_once(3, lambda: services.centre_staff_add(actor=personas["jinjiang"], centre=centre,
                                                                 certificate_number=number))
    assert sum(isinstance(o, CentreStaff) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 2
    assert Centre.objects.get(pk=centre.pk).trained_staff == 1
