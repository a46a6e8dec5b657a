"""Single sign-on use cases: a trip to the provider and back, and who the person is here.

A person is found by (issuer, subject), never by email alone. A first sign-in creates the
account from the claims, unless an account already has that email: then the provider must
have verified the address, and the shopper proves the account is theirs with its password
once (PendingLink) before the two are linked.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import passwords, rules
from storefront.accounts.models import Account, Identity, OidcLogin, PendingLink
from storefront.accounts.services import local_identity
from storefront.accounts.sso import Person
from storefront.messages import FORM, N_, FieldErrors, Message

TRIP_LIFETIME = timedelta(minutes=10)  # from the button to the callback: time to sign in
LINK_LIFETIME = timedelta(minutes=10)  # from the callback to typing the password
MAX_LINK_ATTEMPTS = 5

TRIP_UNUSABLE = Message(N_("This sign-in has expired or was already used. Start again."))
NO_EMAIL = Message(
    N_(
        "%(provider)s did not share your email address, which an account needs. "
        "Allow it, then try again."
    )
)
UNVERIFIED_EMAIL_TAKEN = Message(
    N_(
        "An account already uses this email address, and %(provider)s has not confirmed that "
        "the address is yours, so we cannot link them. Sign in with your email and password."
    )
)
OTHER_SUBJECT = Message(
    N_(
        "The account with this email address is linked to another %(provider)s account. "
        "Sign in with that one, or with your password."
    )
)
NO_PASSWORD_TO_PROVE = Message(
    N_(
        "An account already uses this email address. Sign in the way you usually do, then "
        "add %(provider)s from your account page."
    )
)
LINKED_ELSEWHERE = Message(
    N_("This %(provider)s account is already linked to another account here.")
)
LINK_UNUSABLE = Message(
    N_("This request to link your accounts has expired. Continue with %(provider)s again.")
)
WRONG_PASSWORD = Message(N_("This is not the password of this account."))


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes, all of them UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.now().tzinfo)


@dataclass(frozen=True)
class Trip:
    """What goes to the provider (state, nonce, PKCE verifier's challenge); only hashes of
    state and of the browser's value are stored."""

    state: str
    nonce: str
    code_verifier: str


def begin_trip(
    session: Session,
    provider: str,
    browser: str,
    next_path: str,
    *,
    link_account_id: int | None = None,
    now: datetime | None = None,
) -> Trip:
    """`browser` is a random value kept in this browser's cookie: the callback must come back
    to the browser that left. Trips older than a day are cleared on the way."""
    now = now or clock.now()
    session.execute(delete(OidcLogin).where(OidcLogin.created_at < now - timedelta(days=1)))
    trip = Trip(secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64))
    session.add(
        OidcLogin(
            state_hash=_hash(trip.state),
            browser_hash=_hash(browser),
            provider=provider,
            nonce=trip.nonce,
            code_verifier=trip.code_verifier,
            next_path=next_path[:2000],
            link_account_id=link_account_id,
            created_at=now,
        )
    )
    session.flush()
    return trip


def end_trip(
    session: Session, provider: str, state: str, browser: str, *, now: datetime | None = None
) -> OidcLogin:
    """The trip this state belongs to, used up: a state works once, from the browser that
    started it, within TRIP_LIFETIME. The caller commits before talking to the provider, so
    a failed exchange does not leave the state usable."""
    now = now or clock.now()
    login = session.scalar(select(OidcLogin).where(OidcLogin.state_hash == _hash(state or "")))
    usable = (
        login is not None
        and bool(state and browser)
        and login.provider == provider
        and secrets.compare_digest(login.browser_hash, _hash(browser))
        and _aware(login.created_at) > now - TRIP_LIFETIME
    )
    if not usable or login is None:
        raise FieldErrors.on(FORM, TRIP_UNUSABLE)
    taken = session.execute(
        update(OidcLogin)
        .where(OidcLogin.id == login.id, OidcLogin.used_at.is_(None))
        .values(used_at=now)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise FieldErrors.on(FORM, TRIP_UNUSABLE)
    return login


@dataclass(frozen=True)
class PasswordNeeded:
    """The person must type the password of the account with their email; `token` goes in
    their cookie and finds the PendingLink again."""

    token: str
    email: str


def _refuse(message: Message, display_name: str) -> FieldErrors:
    return FieldErrors.on(FORM, Message(message.text, provider=display_name))


def _new_account(
    session: Session, person: Person, email: str, offered: tuple[str, ...]
) -> Identity:
    name = rules.clean_name(person.name)
    locale = rules.locale_from_claim(person.locale, offered)
    account = Account(
        email=email,
        email_verified=person.email_verified,
        name=name if rules.check_name(name).ok else "",
        locale=locale,
    )
    identity = Identity(account=account, issuer=person.issuer, subject=person.subject)
    session.add(account)
    session.flush()
    return identity


def identify(
    session: Session,
    person: Person,
    *,
    provider: str,
    display_name: str,
    offered: tuple[str, ...],
    link_account_id: int | None = None,
    next_path: str = "/",
) -> Identity | PasswordNeeded:
    """The identity to sign in with, creating or linking what is needed; or the password
    step when a local account holds this verified email."""
    identity = session.scalar(
        select(Identity).where(Identity.issuer == person.issuer, Identity.subject == person.subject)
    )
    if link_account_id is not None:  # a signed-in shopper adding this provider
        if identity is not None and identity.account_id != link_account_id:
            raise _refuse(LINKED_ELSEWHERE, display_name)
        if identity is None:
            identity = Identity(
                account_id=link_account_id, issuer=person.issuer, subject=person.subject
            )
            session.add(identity)
            session.flush()
        return identity
    if identity is not None:
        return identity
    email = rules.normalise_email(person.email or "")
    if not email or not rules.check_email(email).ok:
        raise _refuse(NO_EMAIL, display_name)
    existing = session.scalar(select(Account).where(Account.email == email))
    if existing is None:
        try:
            with session.begin_nested():  # the same person arriving twice at once: one wins
                return _new_account(session, person, email, offered)
        except IntegrityError:
            raise FieldErrors.on(FORM, TRIP_UNUSABLE) from None
    if not person.email_verified:
        raise _refuse(UNVERIFIED_EMAIL_TAKEN, display_name)
    if any(i.issuer == person.issuer for i in existing.identities):
        raise _refuse(OTHER_SUBJECT, display_name)
    local = local_identity(session, email)
    if local is None or local.password_hash is None:
        raise _refuse(NO_PASSWORD_TO_PROVE, display_name)
    token = secrets.token_urlsafe(32)
    yesterday = clock.now() - timedelta(days=1)
    session.execute(delete(PendingLink).where(PendingLink.created_at < yesterday))
    session.add(
        PendingLink(
            token_hash=_hash(token),
            account_id=existing.id,
            provider=provider,
            issuer=person.issuer,
            subject=person.subject,
            provider_sid=person.sid,
            next_path=next_path[:2000],
        )
    )
    session.flush()
    return PasswordNeeded(token, email)


def pending_link(
    session: Session, token: str, *, now: datetime | None = None
) -> PendingLink | None:
    """The link waiting for this browser's password, while it may still be confirmed."""
    if not token:
        return None
    now = now or clock.now()
    link = session.scalar(select(PendingLink).where(PendingLink.token_hash == _hash(token)))
    usable = (
        link is not None
        and link.used_at is None
        and link.attempts < MAX_LINK_ATTEMPTS
        and _aware(link.created_at) > now - LINK_LIFETIME
    )
    return link if usable else None


def confirm_link(
    session: Session, token: str, password: str, *, display_name: str, now: datetime | None = None
) -> tuple[Identity, PendingLink]:
    """The account's password proves the shopper owns it: the provider identity joins it.
    A wrong password counts (the caller commits it too); MAX_LINK_ATTEMPTS end the request."""
    link = pending_link(session, token, now=now)
    if link is None:
        raise _refuse(LINK_UNUSABLE, display_name)
    account = session.get_one(Account, link.account_id)
    local = local_identity(session, account.email)
    if (
        local is None
        or local.password_hash is None
        or not passwords.verify(local.password_hash, password)
    ):
        link.attempts += 1
        session.flush()
        if link.attempts >= MAX_LINK_ATTEMPTS:
            raise _refuse(LINK_UNUSABLE, display_name)
        raise FieldErrors.on("password", WRONG_PASSWORD)
    taken = session.execute(
        update(PendingLink)
        .where(PendingLink.id == link.id, PendingLink.used_at.is_(None))
        .values(used_at=now or clock.now())
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise _refuse(LINK_UNUSABLE, display_name)
    try:
        with session.begin_nested():
            identity = Identity(account=account, issuer=link.issuer, subject=link.subject)
            session.add(identity)
            account.email_verified = True  # the provider verified it, the password proved it
            session.flush()
    except IntegrityError:
        raise _refuse(LINKED_ELSEWHERE, display_name) from None
    return identity, link


def link_email(session: Session, link: PendingLink) -> str:
    return session.get_one(Account, link.account_id).email
