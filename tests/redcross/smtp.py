"""A real SMTP server (aiosmtpd) on a free local port, recording what it receives."""

import asyncio
import socket
import time
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """Records every message; a message whose body holds `slow_marker` is recorded, then answered late."""

    def __init__(self, slow_marker=None, slow_seconds=60):
        self.messages = []
        self.slow_marker = slow_marker
        self.slow_seconds = slow_seconds

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content)
        self.messages.append({"to": envelope.rcpt_tos, "subject": str(message["Subject"] or ""),
                              "id": message["Message-ID"], "body": envelope.content})
        if self.slow_marker and self.slow_marker.encode() in envelope.content:
            await asyncio.sleep(self.slow_seconds)
        return "250 Message accepted for delivery"

    def ids(self):
        return [m["id"] for m in self.messages]


class SmtpServer:
    def __init__(self, **recorder):
        self.port = free_port()
        self.recorder = Recorder(**recorder)
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop(no_assert=True)

    def wait_for(self, count, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and len(self.recorder.messages) < count:
            time.sleep(0.1)
        return len(self.recorder.messages) >= count
