"""The ways a person signs in to their account: listed on the account page, removable while
another remains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import rules
from storefront.accounts.models import LOCAL_ISSUER, Identity, SignInSession
from storefront.config import OidcProvider
from storefront.messages import FORM, N_, FieldErrors, Message, refuse_unless

NOT_YOURS = Message(N_("This sign-in method is not on your account any more."))


@dataclass(frozen=True)
class Method:
    """`provider` is the display name of an identity provider, or None for the password."""

    id: int
    provider: str | None
    created_at: datetime
    usable: bool  # this shop accepts it now


def _method(identity: Identity, providers: Sequence[OidcProvider], local_accounts: bool) -> Method:
    if identity.issuer == LOCAL_ISSUER:
        usable = local_accounts and identity.password_hash is not None
        return Method(identity.id, None, identity.created_at, usable)
    configured = next((p for p in providers if p.issuer == identity.issuer), None)
    name = configured.display_name if configured else urlsplit(identity.issuer).netloc
    return Method(identity.id, name or identity.issuer, identity.created_at, configured is not None)


def listed(
    session: Session,
    account_id: int,
    providers: Sequence[OidcProvider],
    *,
    local_accounts: bool,
) -> list[Method]:
    identities = session.scalars(
        select(Identity).where(Identity.account_id == account_id).order_by(Identity.id)
    )
    return [_method(identity, providers, local_accounts) for identity in identities]


def remove(
    session: Session,
    account_id: int,
    identity_id: int,
    providers: Sequence[OidcProvider],
    *,
    local_accounts: bool,
    keep_session: str,
) -> None:
    """Removes one way in, if another usable one remains, and signs out the other devices
    that came in through it (this one stays signed in)."""
    methods = listed(session, account_id, providers, local_accounts=local_accounts)
    target = next((m for m in methods if m.id == identity_id), None)
    if target is None:
        raise FieldErrors.on(FORM, NOT_YOURS)
    left = sum(1 for m in methods if m.usable and m.id != identity_id)
    refuse_unless({FORM: rules.can_remove_sign_in_method(left)})
    session.execute(
        update(SignInSession)
        .where(
            SignInSession.identity_id == identity_id,
            SignInSession.revoked_at.is_(None),
            SignInSession.id != keep_session,
        )
        .values(revoked_at=clock.now())
    )
    identity = session.get_one(Identity, identity_id)
    session.delete(identity)
    session.flush()
