"""Sending one web push notification: encrypted for the browser (aes128gcm) and signed with
the shop's VAPID key, by pywebpush."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pywebpush import WebPushException, webpush
from requests import RequestException

from storefront.outbox.transports import PushError

TTL = 24 * 3600  # a phone switched off for a day still hears that its order is ready


@dataclass(frozen=True)
class WebPush:
    private_key: str  # base64url DER, as `flask push keys` prints it
    subject: str  # mailto: or https: contact the push services may use

    def send(self, endpoint: str, keys: Mapping[str, str], payload: str) -> None:
        try:
            webpush(
                {"endpoint": endpoint, "keys": dict(keys)},
                data=payload,
                vapid_private_key=self.private_key,
                vapid_claims={"sub": self.subject},
                ttl=TTL,
                timeout=10,
            )
        except (WebPushException, RequestException) as error:
            raise PushError(str(error)[:500]) from error
