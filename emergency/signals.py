"""Certificates and insurance are written by their own apps; when one changes, the teams of its holder are
recomputed by the worker. Time alone (a certificate passing its date) is caught by the nightly recompute."""

from django.db.models.signals import post_save
from django.dispatch import receiver


def _teams_of(**member_filter):
    from emergency.models import TeamMember

    return list(TeamMember.objects.filter(left_on__isnull=True, **member_filter)
                .values_list("team_id", flat=True).distinct())


@receiver(post_save, sender="training.Certificate", dispatch_uid="emergency_certificate_changed")
def certificate_changed(sender, instance, **kwargs):
    from emergency.services import readiness_schedule

    teams = _teams_of(volunteer__person_id=instance.person_id)
    if teams:
        readiness_schedule(teams)


@receiver(post_save, sender="volunteers.Insurance", dispatch_uid="emergency_insurance_changed")
def insurance_changed(sender, instance, **kwargs):
    from emergency.services import readiness_schedule

    teams = _teams_of(volunteer_id=instance.volunteer_id)
    if teams:
        readiness_schedule(teams)
