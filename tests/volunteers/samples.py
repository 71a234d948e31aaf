"""锦江 samples for the volunteers app, discovered by the platform walks (tests/platform/)."""

from datetime import timedelta

from django.utils import timezone

from organizations.models import Region
from redcross.testing import person_factory_kwargs
from volunteers import services as volunteer_services
from volunteers.models import Activity, ServiceCertificate, ServiceRecord, SignUp, Team, Volunteer


def volunteer(personas, n=11):
    applied = volunteer_services.volunteer_apply(consent=True, skills=["first_aider"],
                                                 **person_factory_kwargs(n, "510104022000"))
    return volunteer_services.volunteer_accept(volunteer=applied, actor=personas["jinjiang"])


def activity(personas, title="锦江样本活动"):
    now = timezone.now()
    return volunteer_services.activity_create(
        actor=personas["jinjiang"], title=title, kind="community_care", organization=personas["orgs"]["jinjiang"],
        region=Region.objects.get(code="510104022000"), place="春熙路",
        # Under way (started half an hour ago): its service day is never tomorrow, even late in the Chengdu evening.
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=2), capacity=5)


def signup(personas):
    return volunteer_services.activity_sign_up(activity=activity(personas, "锦江报名样本"),
                                               volunteer=volunteer(personas, 12))


def record(personas):
    return volunteer_services.service_record_create(volunteer=volunteer(personas, 13), actor=personas["jinjiang"],
                                                    hours=2, served_on=timezone.localdate(), content="样本")


def certificate(personas):
    confirmed = volunteer_services.service_record_create(
        volunteer=volunteer(personas, 14), actor=personas["jinjiang"], hours=3, served_on=timezone.localdate(),
        content="样本")
    volunteer_services.service_record_confirm(record=confirmed, actor=personas["jinjiang"])
    return volunteer_services.certificate_issue(volunteer=confirmed.volunteer, actor=personas["jinjiang"])


def team(personas):
    return Team.objects.create(
        name="锦江心理救援队", kind="psychological_aid", organization=personas["orgs"]["jinjiang"]
    )


SAMPLES = {
    Volunteer: volunteer,
    Activity: activity,
    SignUp: signup,
    ServiceRecord: record,
    Team: team,
    ServiceCertificate: certificate,
}


def many(personas, count=8):
    for n in range(count):
        someone = volunteer(personas, 300 + n)
        happening = activity(personas, f"活动{n}")
        Team.objects.create(name=f"队{n}", organization=personas["orgs"]["jinjiang"])
        volunteer_services.activity_sign_up(activity=happening, volunteer=someone)
        volunteer_services.service_record_create(volunteer=someone, actor=personas["jinjiang"], hours=2,
                                                 served_on=happening.starts_at.date(), content="服务")
