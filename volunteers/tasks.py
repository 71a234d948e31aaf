"""Reminders, each sent once (redcross.notifications), scheduled by beat; thin and idempotent."""

from datetime import timedelta

from celery import shared_task
from django.db.models import OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.notifications import notify_once
from volunteers.choices import SERVING, SignUpStatus
from volunteers.models import Insurance, SignUp, Volunteer
from volunteers.selectors import has_service_since, volunteers_due_for_registration


@shared_task(name="volunteers.tasks.remind_activity_tomorrow", acks_late=True, ignore_result=True)
def remind_activity_tomorrow():
    tomorrow = timezone.localdate() + timedelta(days=1)
    sent = 0
    signups = SignUp.objects.filter(status=SignUpStatus.SIGNED_UP, activity__starts_at__date=tomorrow).select_related(
        "activity", "volunteer__person")
    for signup in signups.iterator():
        message = _("Reminder: %(title)s starts tomorrow at %(time)s, %(place)s.") % {
            "title": signup.activity.title, "time": timezone.localtime(signup.activity.starts_at).strftime("%H:%M"),
            "place": signup.activity.place}
        sent += notify_once(kind="volunteer.activity_tomorrow", key=str(signup.pk), person=signup.volunteer.person,
                            message=message)
    return sent


@shared_task(name="volunteers.tasks.remind_insurance_expiring", acks_late=True, ignore_result=True)
def remind_insurance_expiring(days=14):
    today = timezone.localdate()
    later = Insurance.objects.filter(volunteer=OuterRef("volunteer"), ends_on__gt=OuterRef("ends_on"))
    from django.db.models import Exists

    expiring = (Insurance.objects.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=days),
                                         volunteer__status__in=SERVING)
                .exclude(Exists(later)).select_related("volunteer__person"))
    sent = 0
    for insurance in expiring.iterator():
        message = _("Your volunteer accident insurance ends on %(date)s; please renew it before risky activities.") % {
            "date": insurance.ends_on.isoformat()}
        sent += notify_once(kind="volunteer.insurance_expiring", key=str(insurance.pk),
                            person=insurance.volunteer.person, message=message)
    return sent


@shared_task(name="volunteers.tasks.remind_star_reached", acks_late=True, ignore_result=True)
def remind_star_reached(volunteer_id, stars):
    volunteer = Volunteer.objects.select_related("person").get(pk=volunteer_id)
    message = _("Congratulations: with %(hours)s confirmed hours you are now a %(stars)s-star volunteer.") % {
        "hours": volunteer.confirmed_hours, "stars": stars}
    return notify_once(kind="volunteer.star_reached", key=f"{volunteer_id}:{stars}", person=volunteer.person,
                       message=message)


@shared_task(name="volunteers.tasks.remind_inactive", acks_late=True, ignore_result=True)
def remind_inactive(months=6):
    since = timezone.localdate() - timedelta(days=30 * months)
    quiet = (Volunteer.objects.filter(status__in=SERVING, decided_at__date__lt=since)
             .exclude(has_service_since(OuterRef("pk"), since)).select_related("person"))
    sent = 0
    for volunteer in quiet.iterator():
        last = volunteer.service_records.filter(status="confirmed").order_by("-served_on").first()
        spell = last.served_on.isoformat() if last else "never"
        message = _("We miss you: you have not served for six months. New activities are waiting in your district.")
        sent += notify_once(kind="volunteer.inactive", key=f"{volunteer.pk}:{spell}", person=volunteer.person,
                            message=message)
    return sent


@shared_task(name="volunteers.tasks.offer_registration", acks_late=True, ignore_result=True)
def offer_registration():
    """Signed-up volunteers with 20 hours in a year are offered registration as Red Cross volunteers."""
    sent = 0
    for volunteer in volunteers_due_for_registration(Volunteer.objects.select_related("person")).iterator():
        message = _("You have served enough hours this year to become a registered Red Cross volunteer. "
                    "Your district Red Cross will contact you.")
        sent += notify_once(kind="volunteer.registration_due", key=str(volunteer.pk), person=volunteer.person,
                            message=message)
    return sent
