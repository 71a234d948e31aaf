"""First-aid training: scheduling rules, bookings and the waiting list, results, certificates, reminders, coverage."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations.models import Region
from redcross.models import Notification
from tests.training import samples
from training import services, tasks
from training.models import Certificate, Enrolment, TrainingTarget

pytestmark = pytest.mark.django_db


def test_an_instructor_cannot_teach_two_overlapping_sessions(personas):
    teacher = samples.instructor(personas)
    samples.session(personas, teacher=teacher)
    with pytest.raises(ValidationError) as clash:
        samples.session(personas, teacher=teacher, starts_in=timedelta(days=7, hours=2))
    assert "在该时段已讲授" in " ".join(clash.value.message_dict["instructors"])
    later = samples.session(personas, teacher=teacher, starts_in=timedelta(days=8))
    assert later.pk


def test_a_tier_teaches_only_the_courses_the_setting_allows(personas, settings):
    ordinary = samples.instructor(personas, n=502, tier="ordinary")
    with pytest.raises(ValidationError) as refused:
        samples.session(personas, kind="instructor", teacher=ordinary)
    assert "instructors" in refused.value.message_dict
    settings.REDCROSS = {**settings.REDCROSS, "TRAINING_TIER_COURSES": {"ordinary": ["instructor"]}}
    assert samples.session(personas, kind="instructor", teacher=ordinary).pk


def test_an_expired_qualification_or_a_base_too_small_is_refused(personas):
    lapsed = samples.instructor(personas, n=503)
    lapsed.qualified_until = timezone.localdate()
    lapsed.save(update_fields=["qualified_until"])
    with pytest.raises(ValidationError) as refused:
        samples.session(personas, teacher=lapsed, capacity=500)
    assert set(refused.value.message_dict) == {"instructors", "capacity"}


def test_a_district_cannot_schedule_at_another_districts_base(personas):
    with pytest.raises(ValidationError) as refused:
        samples.session(personas, actor="qingyang")
    assert "base" in refused.value.message_dict


def test_a_full_session_fills_its_waiting_list_in_order_when_a_place_frees(personas):
    session = samples.session(personas, capacity=2)
    first, second, third, fourth = (services.enrolment_book(session=session, person=samples.person(n))
                                    for n in (711, 712, 713, 714))
    assert [e.status for e in (first, second, third, fourth)] == ["booked", "booked", "waitlisted", "waitlisted"]
    assert services.enrolment_book(session=session, person=first.person).pk == first.pk  # a retry books once
    services.enrolment_cancel(enrolment=first)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("booked", "waitlisted")
    assert Notification.objects.filter(kind="training.place_freed", key=str(third.pk)).count() == 1
    assert Enrolment.objects.filter(session=session, status="booked").count() == 2


def test_a_pass_issues_one_numbered_certificate_valid_three_years(personas):
    certificate = samples.certificate(personas)
    year = timezone.localdate().year
    assert certificate.number == f"510104{year}000001"
    assert certificate.expires_on == services.add_years(certificate.issued_on, 3)
    assert certificate.state == "valid"
    again = services.enrolment_record_result(enrolment=certificate.enrolment, actor=personas["jinjiang"],
                                             attended=True, exam_score=95, skills_passed=True)
    assert again.outcome == "passed" and Certificate.objects.count() == 1
    with pytest.raises(ValidationError):
        services.enrolment_record_result(enrolment=certificate.enrolment, actor=personas["jinjiang"],
                                         attended=True, exam_score=10, skills_passed=True)


def test_a_low_score_or_a_failed_skills_test_fails_without_a_certificate(personas):
    booking = samples.enrolment(personas, n=720)
    samples.start_now(booking.session)
    low = services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True,
                                           exam_score=79.5, skills_passed=True)
    assert low.outcome == "failed"
    skills = services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True,
                                              exam_score=90, skills_passed=False)
    assert skills.outcome == "failed" and not Certificate.objects.exists()


def test_results_wait_for_the_session_and_name_the_bad_field(personas):
    booking = samples.enrolment(personas, n=721)
    with pytest.raises(ValidationError) as early:
        services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True,
                                         exam_score=90, skills_passed=True)
    assert "session" in early.value.message_dict
    samples.start_now(booking.session)
    for bad in ("lots", "101", "NaN"):
        with pytest.raises(ValidationError) as refused:
            services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True,
                                             exam_score=bad, skills_passed=True)
        assert "exam_score" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.enrolment_record_result(enrolment=booking, actor=personas["qingyang"], attended=True,
                                         exam_score=90, skills_passed=True)


def test_an_awareness_session_counts_attendance_and_issues_no_certificate(personas):
    booking = samples.enrolment(personas, n=722, kind="awareness")
    samples.start_now(booking.session)
    attended = services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True)
    assert attended.outcome == "attended" and not Certificate.objects.exists()


def test_retraining_renews_the_certificate_and_stops_its_reminders(personas):
    old = samples.certificate(personas, n=730)
    Certificate.objects.filter(pk=old.pk).update(issued_on=timezone.localdate() - timedelta(days=1050),
                                                 expires_on=timezone.localdate() + timedelta(days=45))
    retrain = services.enrolment_book(session=samples.session(personas, starts_in=timedelta(days=20)),
                                      person=old.person)
    samples.start_now(retrain.session)
    services.enrolment_record_result(enrolment=retrain, actor=personas["jinjiang"], attended=True, exam_score=88,
                                     skills_passed=True)
    old.refresh_from_db()
    assert old.renewed_by == retrain.certificate and old.state == "renewed"
    assert tasks.remind_certificates_expiring() == 0


def test_expiring_certificates_are_reminded_at_90_and_30_days_once_each(personas):
    certificate = samples.certificate(personas, n=731)
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=80))
    assert tasks.remind_certificates_expiring() == 1
    assert tasks.remind_certificates_expiring() == 0  # a second run sends nothing
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=25))
    assert tasks.remind_certificates_expiring() == 1
    assert tasks.remind_certificates_expiring() == 0
    kinds = sorted(Notification.objects.filter(key=str(certificate.pk)).values_list("kind", flat=True))
    assert kinds == ["training.certificate_expiring_30", "training.certificate_expiring_90"]


def test_coverage_targets_count_trained_residents_and_first_aiders_per_thousand(personas):
    target = samples.target(personas, target_count=4, population=2000)
    samples.certificate(personas, n=740)
    samples.certificate(personas, n=741)
    outsider = samples.target(personas, region_code="510105000000")
    tasks.targets_recompute()
    target.refresh_from_db()
    outsider.refresh_from_db()
    assert (target.trained, target.certified, target.rate, target.per_thousand) == (2, 2, 50.0, 1.0)
    assert (outsider.trained, outsider.certified) == (0, 0)
    assert TrainingTarget.objects.exclude(computed_at=None).count() == 2


def test_feedback_once_per_attended_enrolment(personas):
    certificate = samples.certificate(personas, n=742)
    feedback = services.feedback_submit(enrolment=certificate.enrolment, rating=5, comment="很实用")
    assert feedback.rating == 5
    with pytest.raises(ValidationError):
        services.feedback_submit(enrolment=certificate.enrolment, rating=4)
    with pytest.raises(ValidationError) as bad:
        services.feedback_submit(enrolment=samples.enrolment(personas, n=743), rating=9)
    assert set(bad.value.message_dict) == {"rating", "enrolment"}


def test_an_assessment_is_one_per_district_and_year(personas):
    samples.assessment(personas)
    with pytest.raises(ValidationError) as twice:
        samples.assessment(personas)
    assert "year" in str(twice.value.message_dict) or "__all__" in twice.value.message_dict


def test_a_scenic_area_target_counts_the_staff_trained_for_that_unit(personas):
    from redcross.testing import OrganizationFactory
    from tests.organizations import samples as org_samples

    panda = OrganizationFactory(name="成都大熊猫繁育研究基地红十字服务站", kind="member_unit", unit_type="scenic_area",
                                region_code=samples.TOWN)
    zoo = OrganizationFactory(name="成都动物园红十字服务站", kind="member_unit", unit_type="scenic_area",
                              region_code=samples.TOWN)
    org_samples.institution(personas, kind="scenic_area", scenic_grade="4A", name="成都大熊猫繁育研究基地",
                            headcount=10, member_unit=panda)
    target = services.target_create(actor=personas["jinjiang"], audience="scenic_staff",
                                    region=Region.objects.get(code=samples.TOWN), unit=panda, year=2025,
                                    target_count=None)
    assert target.target_count == 10  # the register's headcount, not a typed number
    for n, unit, days in ((760, panda, 7), (761, panda, 9), (762, zoo, 11)):
        booking = services.enrolment_book(person=samples.person(n), session=samples.session(
            personas, audience="scenic_staff", unit=unit, starts_in=timedelta(days=days)))
        samples.start_now(booking.session)
        services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True, exam_score=90,
                                         skills_passed=True)
    services.targets_recompute()
    target.refresh_from_db()
    assert (target.trained, target.rate) == (2, 20.0)
    with pytest.raises(ValidationError) as refused:
        samples.session(personas, audience="scenic_staff", unit=personas["orgs"]["chunxilu"],
                        starts_in=timedelta(days=20))
    assert "unit" in refused.value.message_dict


def test_scenic_staff_targets_take_the_real_headcount_from_the_institutions_register(personas):
    """At the boundary between training/ and organizations/: the denominator is the register's headcount, follows
    it when it changes, counts a scenic area without a member unit, and drops a scenic area taken off the register."""
    from organizations import grassroots_services
    from redcross.targets import get
    from redcross.testing import OrganizationFactory
    from tests.organizations import samples as org_samples

    scenic_staff = get("training.scenic_staff_trained").compute
    panda = OrganizationFactory(name="成都大熊猫繁育研究基地红十字服务站", kind="member_unit", unit_type="scenic_area",
                                region_code=samples.TOWN)
    base = org_samples.institution(personas, kind="scenic_area", scenic_grade="4A", name="成都大熊猫繁育研究基地",
                                   headcount=700, member_unit=panda)
    park = org_samples.institution(personas, kind="scenic_area", scenic_grade="4A", name="锦江某4A景区",
                                   headcount=300)  # on the register, no Red Cross member unit yet
    stranger = OrganizationFactory(name="未登记景区红十字服务站", kind="member_unit", unit_type="scenic_area",
                                   region_code=samples.TOWN)
    with pytest.raises(ValidationError) as refused:  # not on the register: no headcount to train against
        services.target_create(actor=personas["jinjiang"], audience="scenic_staff",
                               region=Region.objects.get(code=samples.TOWN), unit=stranger, year=2025,
                               target_count=50)
    assert "unit" in refused.value.message_dict
    target = services.target_create(actor=personas["jinjiang"], audience="scenic_staff",
                                    region=Region.objects.get(code=samples.TOWN), unit=panda, year=2025,
                                    target_count=50)
    assert target.target_count == 700  # a typed number gives way to the register
    booking = services.enrolment_book(person=samples.person(770), session=samples.session(
        personas, audience="scenic_staff", unit=panda, starts_in=timedelta(days=7)))
    samples.start_now(booking.session)
    services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True, exam_score=90,
                                     skills_passed=True)
    today = timezone.localdate()
    assert scenic_staff(on=today + timedelta(days=30))[samples.TOWN] == (1, 1000)  # 700 + 300 staff
    grassroots_services.institution_save(actor=personas["jinjiang"], institution=base, headcount=500)
    services.targets_recompute()
    target.refresh_from_db()
    assert (target.target_count, target.trained) == (500, 1)
    grassroots_services.institution_save(actor=personas["jinjiang"], institution=park, is_active=False)
    assert scenic_staff(on=today + timedelta(days=30))[samples.TOWN] == (1, 500)
    assert scenic_staff(on=today - timedelta(days=1))[samples.TOWN] == (0, 500)  # trained only once held


def test_the_cadre_plan_shows_hours_per_ability_of_the_courses_tagged(personas, client):
    from training import selectors as training_selectors

    booking = samples.enrolment(personas, n=790, audience="redcross_cadres")
    course = booking.session.course
    client.force_login(personas["city_admin"])
    client.post(f"/portal/training/courses/{course.pk}/abilities/", {"abilities": ["emergency", "mass_work"]})
    course.refresh_from_db()
    assert course.abilities == ["emergency", "mass_work"]
    samples.start_now(booking.session)
    services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True, exam_score=90,
                                     skills_passed=True)
    year = booking.session.starts_at.year
    hours = {row["code"]: row["hours"] for row in training_selectors.cadre_hours_by_ability(
        user=personas["jinjiang"], first_year=year, last_year=year)}
    assert hours["emergency"] == hours["mass_work"] == course.hours and hours["political"] == 0
    assert training_selectors.cadre_hours_by_ability(user=personas["qingyang"], first_year=year,
                                                     last_year=year)[0]["hours"] == 0
    client.force_login(personas["jinjiang"])
    assert client.post(f"/portal/training/courses/{course.pk}/abilities/", {"abilities": ["reform"]}).status_code == 403
    assert "cadre-abilities" in client.get("/portal/training/cadres/").content.decode()


def test_rural_cadres_and_industrial_park_staff_have_their_own_coverage_figures(personas, client):
    """Targets for 两委委员, 农村党员, 合作社带头人 and industrial-park staff count only their own audience's
    trainees, and the coverage page shows each by name."""
    audiences = ("village_committee", "rural_party_members", "cooperative_leaders", "industrial_park_staff")
    targets = {audience: samples.target(personas, region_code=samples.TOWN, audience=audience, target_count=4,
                                        population=None) for audience in audiences}
    for n, audience in enumerate(("village_committee", "village_committee", "cooperative_leaders",
                                  "industrial_park_staff", "residents")):
        booking = services.enrolment_book(person=samples.person(780 + n), session=samples.session(
            personas, audience=audience, starts_in=timedelta(days=5 + n)))
        samples.start_now(booking.session)
        services.enrolment_record_result(enrolment=booking, actor=personas["jinjiang"], attended=True, exam_score=90,
                                         skills_passed=True)
    services.targets_recompute()
    trained = {audience: TrainingTarget.objects.get(pk=t.pk).trained for audience, t in targets.items()}
    assert trained == {"village_committee": 2, "rural_party_members": 0, "cooperative_leaders": 1,
                       "industrial_park_staff": 1}
    client.force_login(personas["jinjiang"])
    page = client.get(f"/portal/training/coverage/?region={samples.TOWN}").content.decode()
    for label in ("村（社区）两委委员", "农村党员", "合作社带头人", "产业园区职工"):
        assert label in page
