"""Integration: a delivery worker killed in the middle of sending sends nothing twice, and the rest goes out."""

import os
import signal
import time

import pytest
from django.contrib.auth import get_user_model

from redcross.models import Notification
from redcross.notifications import notify_once
from tests.redcross.smtp import SmtpServer
from tests.redcross.test_worker import start_worker, wait_for  # noqa: F401 - the real-worker fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Status = Notification.Status


def test_a_killed_delivery_worker_sends_nothing_twice(start_worker, monkeypatch):  # noqa: F811
    from redcross.tasks import notifications_deliver

    user = get_user_model().objects.create_user(username="zhao", email="zhao@example.org", password="x-pass-2025")
    for n in range(1, 6):
        marker = "SLOW-MESSAGE" if n == 3 else ""
        notify_once(kind="training.session_cancelled", key=str(n), user=user, channel="email", subject=f"通知{n}",
                    message=f"第{n}条 {marker}")
    rows = {n: Notification.objects.get(key=str(n)).pk for n in range(1, 6)}

    with SmtpServer(slow_marker="SLOW-MESSAGE", slow_seconds=120) as smtp:
        for name, value in {"NOTIFY_EMAIL_ENABLED": "true", "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port),
                            "DELIVERY_CLAIM_TIMEOUT": "2"}.items():
            monkeypatch.setenv(name, value)
        first = start_worker()
        notifications_deliver.delay()
        # The third message reached the server, which holds its answer: the worker is mid-send. Kill it.
        assert smtp.wait_for(3, 60), smtp.recorder.messages
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        statuses = dict(Notification.objects.values_list("pk", "status"))
        assert [statuses[rows[n]] for n in range(1, 6)] == [Status.SENT, Status.SENT] + [Status.SENDING] * 3

        start_worker()
        time.sleep(3)  # the claims are now older than DELIVERY_CLAIM_TIMEOUT
        notifications_deliver.delay()  # beat's next run; the killed worker's task is also delivered again
        assert wait_for(lambda: Notification.objects.filter(status=Status.SENT).count() == 4, 60), \
            dict(Notification.objects.values_list("key", "status"))
        time.sleep(2)  # let the redelivered task finish too
        notifications_deliver.delay()
        time.sleep(3)

        ids = smtp.recorder.ids()
        expected = [f"<notification-{rows[n]}@redcross.chengdu.example>" for n in range(1, 6)]
        assert sorted(ids) == sorted(expected), ids  # every message once, none twice
    third = Notification.objects.get(pk=rows[3])
    assert third.status == Status.UNCERTAIN  # it may have gone out: a person decides, the worker never resends
    assert Notification.objects.filter(status=Status.SENT).count() == 4
