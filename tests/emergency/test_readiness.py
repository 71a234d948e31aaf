"""Readiness is computed from the records: members, certificates, insurance, equipment and drills."""

from datetime import timedelta

import pytest
from django.utils import timezone

from emergency import selectors, services
from emergency.models import Team, TeamStandard
from redcross import targets
from tests.emergency import samples
from training.models import Certificate
from volunteers.models import Insurance, ServiceRecord

pytestmark = pytest.mark.django_db


def reasons(team):
    team.refresh_from_db()
    return {r["code"] for r in team.readiness_reasons}


def test_a_team_meeting_its_standard_is_green(personas):
    team = samples.ready_team(personas)
    assert team.readiness == "green", team.reason_texts
    assert team.readiness_reasons == []
    assert services.readiness_recompute(team_ids=[team.pk]) == 0  # nothing changed, nothing written


def test_a_new_team_without_members_kit_or_drills_is_red_with_every_reason(personas):
    samples.small_standard()
    team = samples.team(personas)
    services.readiness_recompute(team_ids=[team.pk])
    team.refresh_from_db()
    assert team.readiness == "red"
    assert reasons(team) == {"members_short", "certificates_short", "kit_missing", "no_drill"}
    assert any("救生艇" in text for text in team.reason_texts)


def test_an_expired_certificate_turns_a_ready_team_amber_and_names_the_reason(personas):
    team = samples.ready_team(personas, members=2)
    member = team.members.first()
    Certificate.objects.filter(person=member.volunteer.person, course__kind="water_safety").update(
        expires_on=timezone.localdate() - timedelta(days=1))
    services.readiness_recompute(team_ids=[team.pk])
    team.refresh_from_db()
    assert team.readiness == "amber"
    assert reasons(team) == {"certificates_short"}
    assert "1" in team.reason_texts[0] and "2" in team.reason_texts[0]


def test_lapsed_insurance_overdue_inspection_and_an_old_drill_are_reasons(personas):
    team = samples.ready_team(personas, members=2)
    Insurance.objects.filter(volunteer=team.members.first().volunteer).update(
        ends_on=timezone.localdate() - timedelta(days=1))
    team.equipment.filter(kind="救生衣").update(next_inspection_on=timezone.localdate() - timedelta(days=3))
    team.drills.update(held_on=timezone.localdate() - timedelta(days=120))
    services.readiness_recompute(team_ids=[team.pk])
    assert reasons(team) == {"uninsured", "inspection_overdue", "drill_overdue"}
    assert team.readiness == "amber"


def test_a_member_leaving_drops_the_team_below_its_minimum(personas):
    team = samples.ready_team(personas, members=2)
    services.member_leave(actor=personas["jinjiang"], member=team.members.last())
    services.readiness_recompute(team_ids=[team.pk])
    assert "members_short" in reasons(team)
    assert team.readiness == "amber"


def test_the_city_edits_a_standard_and_readiness_follows(personas):
    team = samples.ready_team(personas, members=2)
    standard = TeamStandard.objects.get(team_type="water_rescue")
    with pytest.raises(Exception) as refused:
        services.standard_save(actor=personas["jinjiang"], standard=standard, min_members=5)
    assert "team_type" in refused.value.message_dict
    services.standard_save(actor=personas["city_admin"], standard=standard, min_members=5)
    services.readiness_recompute(team_ids=[team.pk])
    assert "members_short" in reasons(team)


def test_drill_hours_become_confirmed_service_hours(personas):
    team = samples.ready_team(personas, members=2)
    drill = team.drills.get()
    for volunteer in drill.participants.all():
        record = ServiceRecord.objects.get(volunteer=volunteer)
        assert record.status == "confirmed" and record.hours == drill.hours
        volunteer.refresh_from_db()
        assert volunteer.confirmed_hours == drill.hours


def test_a_drill_refuses_people_outside_the_team(personas):
    team = samples.ready_team(personas, members=2)
    stranger = samples.volunteer(personas)
    with pytest.raises(Exception) as refused:
        services.drill_record(actor=personas["jinjiang"], team=team, held_on=timezone.localdate(), scenario="演练",
                              hours=2, participants=[stranger])
    assert "participants" in refused.value.message_dict


def test_the_matrix_colours_each_district_and_type(personas):
    samples.ready_team(personas)
    samples.requirement(personas, "water_rescue")
    samples.requirement(personas, "medical")
    rows = {r["region"].code: r for r in selectors.readiness_matrix(user=personas["city_admin"])}
    cells = {c["team_type"]: c for c in rows["510104000000"]["cells"]}
    assert cells["water_rescue"]["colour"] == "green" and cells["water_rescue"]["green"] == 1
    assert cells["medical"]["missing"] and cells["medical"]["colour"] == "none"
    assert len(rows) >= 20
    assert [r["region"].code for r in selectors.readiness_matrix(user=personas["qingyang"])] == ["510105000000"]


def test_plan_targets_count_required_types_present_and_green_teams(personas):
    samples.ready_team(personas)
    samples.team(personas, name="锦江区医疗队", team_type="medical")
    for team_type in ("water_rescue", "medical", "search_rescue"):
        samples.requirement(personas, team_type)
    assert targets.get("emergency.team_types").compute(on=timezone.localdate())["510104000000"] == (2, 3)
    services.readiness_recompute()
    assert targets.get("emergency.team_readiness").compute(on=timezone.localdate())["510104000000"] == (1, 2)
    # a team founded later is not counted on an earlier day
    Team.objects.filter(name="锦江区医疗队").update(founded_on=timezone.localdate())
    yesterday = timezone.localdate() - timedelta(days=1)
    assert targets.get("emergency.team_types").compute(on=yesterday)["510104000000"] == (1, 3)


def test_a_certificate_saved_by_the_training_app_queues_a_recompute(personas, django_capture_on_commit_callbacks):
    team = samples.ready_team(personas, members=2)
    certificate = Certificate.objects.filter(person=team.members.first().volunteer.person).first()
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        certificate.save()
    team.refresh_from_db()
    assert team.readiness == "amber"
