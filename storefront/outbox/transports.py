"""Ways to hand an email over (an SMTP server, or .eml files in a folder for development),
and what a web push sender must offer."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

SMTP_TIMEOUT = 30  # seconds; a stuck server must not hold a worker forever


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand the message over or raise OSError / smtplib.SMTPException."""


@dataclass(frozen=True)
class FolderTransport:
    """Writes each message to `folder` as an .eml file any mail client opens, so running
    the shop needs no mail server. Written under a temporary name then renamed, so a
    reader never sees half a message."""

    folder: Path

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").replace("@", "_at_").replace("/", "_")
        target = self.folder / f"{name}.eml"
        partial = target.with_suffix(".eml.tmp")
        partial.write_bytes(message.as_bytes())
        os.replace(partial, target)


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    username: str = ""
    password: str = ""
    starttls: bool = False
    implicit_tls: bool = False

    @classmethod
    def from_url(cls, url: str, *, starttls: bool = False) -> SmtpTransport:
        """smtp://user:password@host:port, or smtps:// for TLS from the first byte."""
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise ValueError(f"Not an SMTP URL: {parts.scheme}://{parts.hostname or ''}")
        implicit_tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if implicit_tls else 25),
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            starttls=starttls,
            implicit_tls=implicit_tls,
        )

    def send(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        client = (
            smtplib.SMTP_SSL(self.host, self.port, timeout=SMTP_TIMEOUT, context=context)
            if self.implicit_tls
            else smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT)
        )
        with client:
            if self.starttls:
                client.starttls(context=context)
            if self.username:
                client.login(self.username, self.password)
            client.send_message(message)


class PushError(Exception):
    """A push service refused a notification or could not be reached."""


class PushGone(PushError):
    """The browser unsubscribed or its subscription expired: sending again cannot help."""


class PushTransport(Protocol):
    """Sends one encrypted web push notification (storefront.push.sending)."""

    def send(self, endpoint: str, keys: Mapping[str, str], payload: str) -> None: ...
