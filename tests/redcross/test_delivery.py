"""The delivery worker: every queued notification sent once through its channel, failures retried and shown."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from people import services as people_services
from redcross import delivery
from redcross.digests import digests_send
from redcross.models import DigestSubscription, Notification, NotificationPreference
from redcross.notifications import notify_once
from redcross.testing import JINJIANG, person_factory_kwargs, run_at_once
from tests.redcross.smtp import SmtpServer

pytestmark = pytest.mark.django_db
Status = Notification.Status


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.NOTIFY_EMAIL_ENABLED = True
        yield server


def staff(email="wang@example.org"):
    return get_user_model().objects.create_user(username=email.split("@")[0], email=email, password="x-pass-2025")


def email_to(user, key="1", kind="training.session_cancelled", text="培训取消通知"):
    notify_once(kind=kind, key=key, user=user, channel=Notification.Channel.EMAIL, subject="通知", message=text)
    return Notification.objects.get(kind=kind, key=key)


class RecordingGateway:
    sent = []

    def send(self, *, to, text, reference):
        RecordingGateway.sent.append((to, text, reference))


def test_an_email_goes_out_once_through_a_real_smtp_server(smtp, platform_data):
    user = staff()
    row = email_to(user)
    assert delivery.deliver_due() == {Status.SENT: 1}
    assert delivery.deliver_due() == {}  # a second run, or a retried task, finds nothing to send
    assert smtp.wait_for(1)
    assert len(smtp.recorder.messages) == 1
    assert smtp.recorder.messages[0]["to"] == ["wang@example.org"]
    assert smtp.recorder.messages[0]["id"] == f"<notification-{row.pk}@redcross.chengdu.example>"
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_via) == (Status.SENT, 1, "email")
    assert row.sent_at is not None


def test_a_failure_is_retried_with_back_off_and_shown(settings, platform_data):
    with SmtpServer() as server:
        port = server.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.NOTIFY_EMAIL_ENABLED = "127.0.0.1", port, True
    row = email_to(staff())
    assert delivery.deliver_due() == {Status.RETRYING: 1}  # nobody listens on the port any more
    row.refresh_from_db()
    assert row.last_error and row.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert delivery.deliver_due() == {}  # not before its time
    with SmtpServer() as server:
        settings.EMAIL_PORT = server.port
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        assert delivery.deliver_due() == {Status.SENT: 1}
        assert len(server.recorder.messages) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")


def test_it_gives_up_after_the_last_attempt(settings, platform_data):
    settings.NOTIFY_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    settings.DELIVERY_MAX_ATTEMPTS = 2
    row = email_to(staff())
    delivery.deliver_due()
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver_due() == {Status.FAILED: 1}
    assert delivery.notification_requeue(notification=row, actor=None).status == Status.QUEUED


def test_sms_is_held_in_the_outbox_by_default_and_sent_through_the_configured_adapter(settings, platform_data):
    person = people_services.person_create(**person_factory_kwargs(801, JINJIANG))
    notify_once(kind="volunteer.activity_tomorrow", key="a1", person=person, message="明天活动")
    assert delivery.deliver_due() == {Status.HELD: 1}
    settings.SMS_BACKEND = "tests.redcross.test_delivery.RecordingGateway"
    RecordingGateway.sent.clear()
    notify_once(kind="volunteer.activity_tomorrow", key="a2", person=person, message="明天活动")
    assert delivery.deliver_due() == {Status.SENT: 1}
    reference = f"notification-{Notification.objects.get(key='a2').pk}"
    assert RecordingGateway.sent == [("13800000801", "明天活动", reference)]


def test_opted_out_people_get_only_essential_messages_on_the_channel_they_chose(settings, smtp, platform_data):
    settings.SMS_BACKEND = "tests.redcross.test_delivery.RecordingGateway"
    RecordingGateway.sent.clear()
    person = people_services.person_create(**person_factory_kwargs(802, JINJIANG))
    NotificationPreference.objects.create(person=person, opted_out=True)
    notify_once(kind="volunteer.inactive", key="p1", person=person, message="好久不见")
    notify_once(kind="volunteer.insurance_expiring", key="p2", person=person, message="保险到期")
    assert delivery.deliver_due() == {Status.SUPPRESSED: 1, Status.SENT: 1}
    assert [text for _to, text, _ref in RecordingGateway.sent] == ["保险到期"]

    user = staff("li@example.org")
    NotificationPreference.objects.create(user=user, kind_prefix="training.", channel="portal")
    email_to(user, key="u1")
    assert delivery.deliver_due() == {Status.HELD: 1}  # kept in the portal outbox, as chosen
    assert smtp.recorder.messages == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_row(platform_data, smtp):
    user = staff()
    for n in range(40):
        email_to(user, key=str(n))
    claims = run_at_once(4, lambda: [row.pk for row in delivery.claim(15)])
    taken = [pk for claim in claims for pk in claim]
    assert len(taken) == len(set(taken)) == 40


def test_rows_a_dead_worker_claimed_go_back_unless_they_were_being_handed_over(platform_data, settings):
    user = staff()
    for n in range(3):
        email_to(user, key=str(n))
    rows = delivery.claim(10)
    Notification.objects.filter(pk=rows[0].pk).update(handed_at=timezone.now())
    later = timezone.now() + timedelta(seconds=settings.DELIVERY_CLAIM_TIMEOUT + 1)
    assert delivery.release_stale_claims(now=later) == 3
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses[rows[0].pk] == Status.UNCERTAIN
    assert statuses[rows[1].pk] == statuses[rows[2].pk] == Status.QUEUED


def test_digests_are_queued_once_per_period(personas, smtp):
    user = personas["jinjiang"]
    user.email = "jinjiang@example.org"
    user.save(update_fields=["email"])
    DigestSubscription.objects.create(user=user, frequency="daily")
    DigestSubscription.objects.create(user=personas["qingyang"], frequency="weekly")
    assert digests_send(frequency="daily") == 1
    assert digests_send(frequency="daily") == 0
    assert delivery.deliver_due() == {Status.SENT: 1}
    assert "jinjiang@example.org" in smtp.recorder.messages[0]["to"]


def test_the_outbox_shows_what_failed_and_resends_an_interrupted_message(personas, client):
    row = email_to(staff())
    Notification.objects.filter(pk=row.pk).update(status=Status.UNCERTAIN, last_error="worker stopped")
    client.force_login(personas["qingyang"])
    assert client.get("/portal/outbox/").status_code == 403
    client.force_login(personas["auditor"])
    page = client.get("/portal/outbox/", {"status": "uncertain"})
    assert "worker stopped" in page.content.decode()
    assert client.post(f"/portal/outbox/{row.pk}/resend/").status_code == 403
    client.force_login(personas["city_admin"])
    answer = client.post(f"/portal/outbox/{row.pk}/resend/?status=uncertain")
    assert answer.status_code == 302 and answer["Location"] == "/portal/outbox/?status=uncertain"
    row.refresh_from_db()
    assert row.status == Status.QUEUED
    again = client.post(f"/portal/outbox/{row.pk}/resend/", follow=True)  # queued already: refused, said why
    assert "只有发送中断、发送失败或暂存的消息可以重新发送" in again.content.decode()


def test_a_staffer_subscribes_to_a_digest_and_opts_out(personas, client):
    user = personas["jinjiang"]
    client.force_login(user)
    client.post("/portal/notifications/", {"digest": ["weekly"], "channel": "email"})
    assert not DigestSubscription.objects.filter(user=user).exists() or \
        not DigestSubscription.objects.filter(user=user, is_active=True).exists()  # no e-mail address: refused
    client.post("/portal/notifications/", {"digest": ["weekly"], "channel": "portal", "opted_out": "on"})
    assert list(DigestSubscription.objects.filter(user=user, is_active=True).values_list("frequency", "channel")) == [
        ("weekly", "portal")]
    assert NotificationPreference.objects.get(user=user).opted_out
    assert client.get("/portal/notifications/").status_code == 200
