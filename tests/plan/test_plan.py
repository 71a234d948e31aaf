"""The plan board: snapshots of every registered target, immutable past days, the board, the PDF, the API."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from organizations.models import Organization, Region
from redcross import targets as registry
from redcross.plan import services
from redcross.plan.models import TargetSnapshot
from redcross.testing import CHUNXILU, CITY, JINJIANG, QINGYANG

pytestmark = pytest.mark.django_db

SANYOU = "grassroots.towns_sanyou"


def town_organisation(region=CHUNXILU):
    """The town's Red Cross organisation (the personas made 春熙路's) with premises and work: 三有."""
    organisation, _ = Organization.objects.update_or_create(
        region_id=region, kind="town_organization", is_active=True,
        defaults={"name": "街道红十字会", "has_premises": True, "has_regular_work": True})
    return organisation


def figure(target, region, day=None):
    return TargetSnapshot.objects.get(target=target, region_id=region, day=day or timezone.localdate())


def raw_sanyou(prefix):
    """The same figure in plain SQL: towns of the subtree with an active town organisation having all three."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM organizations_organization o WHERE o.region_id = r.code AND o.is_active
                       AND o.kind = 'town_organization' AND o.has_premises AND o.has_regular_work)),
                   count(*)
            FROM organizations_region r WHERE r.level = 'town' AND r.is_home_city AND r.code LIKE %s""",
                       [prefix + "%"])
        return cursor.fetchone()


def test_every_target_is_snapshotted_for_every_region_at_or_above_its_level(personas):
    written = services.snapshots_take()
    levels = dict(Region.objects.filter(is_home_city=True).values_list("code", "level"))
    expected = 0
    for target in registry.all_targets():
        depth = services.LEVEL_DEPTH[target.level]
        expected += sum(1 for level in levels.values() if services.LEVEL_DEPTH[level] <= depth)
        assert TargetSnapshot.objects.filter(target=target.code, region_id=CITY).exists(), target.code
    assert written == expected == TargetSnapshot.objects.count()
    # community stations go down to all 3,047 communities
    assert TargetSnapshot.objects.filter(target="grassroots.community_stations").count() == len(levels)


def test_the_roll_up_matches_the_raw_sql_at_every_level(personas):
    town_organisation()
    town_organisation(region="510105003000")  # a 青羊区 street
    services.snapshots_take()
    for code, prefix in ((CITY, "5101"), (JINJIANG, "510104"), (QINGYANG, "510105"), (CHUNXILU, "510104022")):
        snapshot = figure(SANYOU, code)
        assert (int(snapshot.numerator), int(snapshot.denominator)) == raw_sanyou(prefix), code
    city = figure(SANYOU, CITY)
    assert city.value == (Decimal(200) / city.denominator).quantize(Decimal("0.01"))
    assert figure(SANYOU, CHUNXILU).value == Decimal("100.00")


def test_a_past_days_figure_never_changes_after_later_data(personas):
    yesterday = timezone.localdate() - timedelta(days=1)
    services.snapshots_take(day=yesterday)
    before = figure(SANYOU, JINJIANG, yesterday)
    assert before.numerator == 0

    town_organisation()  # arrives today
    services.snapshots_take(day=yesterday)  # a retried or late run for yesterday
    services.snapshots_take()  # today's run
    assert figure(SANYOU, JINJIANG, yesterday).numerator == 0
    assert figure(SANYOU, JINJIANG).numerator == 1

    # and the database itself refuses to rewrite or delete it
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetSnapshot.objects.filter(pk=before.pk).update(numerator=5)
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetSnapshot.objects.filter(pk=before.pk).delete()


def test_todays_figure_follows_the_days_recomputations(personas):
    Organization.objects.filter(region_id=CHUNXILU).update(has_premises=False)
    services.snapshots_take()
    assert figure(SANYOU, JINJIANG).numerator == 0
    town_organisation()
    services.snapshots_take()
    assert figure(SANYOU, JINJIANG).numerator == 1
    assert TargetSnapshot.objects.filter(target=SANYOU, region_id=JINJIANG).count() == 1


def test_a_data_of_yesterday_counts_only_what_existed_then(personas):
    organisation = town_organisation()
    Organization.objects.filter(pk=organisation.pk).update(created_at=timezone.now() + timedelta(days=2))
    services.snapshots_take()
    assert figure(SANYOU, JINJIANG).numerator == 0


@pytest.fixture
def extra_target():
    target = registry.register(registry.Target(
        code="test.kindness", plan=registry.ActionPlan.CULTURE, title="测试指标：善行社区", unit=registry.Unit.PERCENT,
        target=Decimal("60"), level="district", compute=lambda *, on: {JINJIANG: (3, 4), QINGYANG: (1, 4)},
        public=False))
    yield target
    registry.unregister(target.code)


def test_a_target_added_by_registration_alone_is_on_the_board_and_in_the_api(personas, client, as_user,
                                                                            extra_target):
    services.snapshots_take()
    assert figure("test.kindness", CITY).value == Decimal("50.00")
    assert figure("test.kindness", JINJIANG).value == Decimal("75.00")

    client.force_login(personas["city_admin"])
    page = client.get(reverse("plan:board"))
    assert page.status_code == 200
    assert "测试指标：善行社区" in page.content.decode()

    api = as_user(personas["city_admin"])
    codes = [t["code"] for t in api.get(reverse("plan-api:targets")).json()]
    assert "test.kindness" in codes and SANYOU in codes
    rows = api.get(reverse("plan-api:values-list"), {"target": "test.kindness", "region": JINJIANG}).json()["results"]
    assert [(r["region"], r["value"]) for r in rows] == [(JINJIANG, "75.00")]

    # not public: the public page does not show it
    assert "测试指标" not in client.get(reverse("plan-public:board")).content.decode()


def test_the_board_shows_the_five_plans_and_drills_down_to_a_community(personas, client):
    town_organisation()
    services.snapshots_take()
    client.force_login(personas["city_admin"])
    response = client.get(reverse("plan:board"))
    page = response.content.decode()
    for number in range(1, 6):
        assert f'id="plan-{number}"' in page
    assert "成都市" in page
    districts = {d["name"] for d in response.context["charts"]["map"][SANYOU]}
    assert {"锦江区", "青羊区", "新津县"} <= districts and len(districts) == 20  # 新津: the map file's name

    stations = "grassroots.community_stations"
    for region, child in ((CITY, "锦江区"), (JINJIANG, "春熙路街道"), (CHUNXILU, None)):
        response = client.get(reverse("plan:board"), {"target": stations, "region": region})
        assert response.status_code == 200
        names = [row["region"].name for row in response.context["children"]]
        if child:
            assert child in names
        else:
            assert names and all(row["region"].level == "community" for row in response.context["children"])


def test_a_district_staffer_sees_only_their_district(personas, client):
    services.snapshots_take()
    client.force_login(personas["qingyang"])
    response = client.get(reverse("plan:board"))
    assert response.context["region"].code == QINGYANG
    assert [d["code"] for d in response.context["charts"]["map"][SANYOU]] == [QINGYANG]
    assert client.get(reverse("plan:board"), {"region": JINJIANG}).status_code == 404
    assert client.get(reverse("plan:board"), {"region": CITY}).status_code == 404
    assert client.get(reverse("plan:board_pdf"), {"region": JINJIANG}).status_code == 404
    api_rows = client.get(reverse("plan-api:values-list"), {"target": SANYOU, "region": JINJIANG}).json()
    assert api_rows["results"] == []


def test_the_board_prints_as_a_pdf(personas, client):
    services.snapshots_take()
    client.force_login(personas["city_admin"])
    response = client.get(reverse("plan:board_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_public_page_shows_city_and_districts_only(personas, client):
    services.snapshots_take()
    assert client.get(reverse("plan-public:board")).status_code == 200
    assert client.get(reverse("plan-public:board"), {"region": JINJIANG}).status_code == 200
    assert client.get(reverse("plan-public:board"), {"region": CHUNXILU}).status_code == 404
    assert client.get(reverse("plan-public:board"), {"region": "abc"}).status_code == 404


def test_the_board_is_a_few_queries_for_the_whole_city(personas, client, django_assert_max_num_queries):
    services.snapshots_take()
    client.force_login(personas["city_admin"])
    client.get(reverse("plan:board"))
    with django_assert_max_num_queries(16):
        assert client.get(reverse("plan:board"), {"target": SANYOU}).status_code == 200


def test_bad_filters_answer_400_naming_the_field(personas, as_user):
    api = as_user(personas["city_admin"])
    url = reverse("plan-api:values-list")
    for params, field in (({"target": "nope"}, "target"), ({"from": "2025-13-01"}, "from"),
                          ({"from": "2025-02-01", "to": "2025-01-01"}, "to"), ({"region": "51"}, "region")):
        response = api.get(url, params)
        assert response.status_code == 400, params
        assert field in response.json()["error"]["fields"], response.json()


def test_the_snapshot_follows_a_recomputation_on_a_worker_but_not_an_eager_run(settings, monkeypatch):
    from redcross.plan import signals, tasks

    queued = []
    monkeypatch.setattr(tasks.snapshots_take, "delay", lambda *a, **k: queued.append(1))

    class Sender:
        name = "organizations.tasks.coverage_recompute"

        class request:  # noqa: N801 - the shape of a Celery task's request
            is_eager = False

    assert signals.snapshot_after_recompute(sender=Sender) is True
    Sender.request.is_eager = True
    assert signals.snapshot_after_recompute(sender=Sender) is False
    Sender.name = "volunteers.tasks.remind_inactive"
    Sender.request.is_eager = False
    assert signals.snapshot_after_recompute(sender=Sender) is False
    assert queued == [1]
