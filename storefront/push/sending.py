"""Sending one web push notification: encrypted for the browser (aes128gcm) and signed with
the shop's VAPID key, by pywebpush."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pywebpush import WebPushException, webpush
from requests import RequestException

from storefront.outbox.transports import PushError, PushGone

TTL = 24 * 3600  # a phone switched off for a day still hears that its order is ready
GONE = {404, 410}  # RFC 8030: the subscription expired or the browser unsubscribed


@dataclass(frozen=True)
class WebPush:
    private_key: str  # base64url DER, as `flask push keys` prints it
    subject: str  # mailto: or https: contact the push services may use
    forget: Callable[[str], None]  # drops every subscription of an endpoint that is gone

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
        except WebPushException as error:
            if error.response is not None and error.response.status_code in GONE:
                self.forget(endpoint)
                raise PushGone(str(error)[:500]) from error
            raise PushError(str(error)[:500]) from error
        except RequestException as error:
            raise PushError(str(error)[:500]) from error
