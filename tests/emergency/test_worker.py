"""Readiness changes colour through the real worker on the real Redis when a member's certificate expires."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emergency.models import Team
from tests.emergency import samples
from tests.redcross.test_worker import start_worker, wait_for  # noqa: F401 - the fixture
from training.models import Certificate

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def colour(team):
    return Team.objects.filter(pk=team.pk).values_list("readiness", flat=True).get()


def test_a_certificate_passing_its_date_turns_the_team_amber_in_the_nightly_run(start_worker, personas):  # noqa: F811
    from emergency.tasks import readiness_recompute_task

    team = samples.ready_team(personas, members=2)
    assert colour(team) == "green"
    start_worker()
    # Time passes: no one saves anything, the certificate is simply past its date; the nightly run notices.
    first = team.members.order_by("pk").first().volunteer.person
    Certificate.objects.filter(person=first, course__kind="first_aider").update(
        expires_on=timezone.localdate() - timedelta(days=1))
    readiness_recompute_task.delay()
    assert wait_for(lambda: colour(team) == "amber"), Team.objects.get(pk=team.pk).readiness_reasons
    reasons = Team.objects.get(pk=team.pk).reason_texts
    assert len(reasons) == 1 and "1" in reasons[0]


def test_a_certificate_changed_by_the_training_app_is_recomputed_by_the_worker(start_worker, personas):  # noqa: F811
    team = samples.ready_team(personas, members=2)
    start_worker()
    second = team.members.order_by("pk").last().volunteer.person
    certificate = Certificate.objects.filter(person=second, course__kind="water_safety").get()
    certificate.expires_on = timezone.localdate() - timedelta(days=3)
    certificate.save()  # the signal queues the team's recompute on commit
    assert wait_for(lambda: colour(team) == "amber")
    certificate.expires_on = timezone.localdate() + timedelta(days=700)
    certificate.save()
    assert wait_for(lambda: colour(team) == "green")
