"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for mail tests."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def text_of(self, subject: str, *, wait: float = 5.0) -> str:
        """The plain-text body of the last message whose subject contains `subject`, waiting
        for it a little: a server sends mail once the page is answered."""
        deadline = time.monotonic() + wait
        while not (found := [m for m in self.messages if subject in str(m["Subject"])]):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert found, f"no email {subject!r} among {[str(m['Subject']) for m in self.messages]}"
        body = found[-1].get_body(preferencelist=("plain",))
        assert body is not None
        return str(body.get_content())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(**options: Any) -> Iterator[Mailbox]:
    """`options` go to aiosmtpd's Controller (an authenticator, auth_required...)."""
    mailbox = Mailbox(free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port, **options)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
