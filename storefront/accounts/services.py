"""Account use cases: sign up, sign in, change password and profile, delete the account."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storefront.accounts import emails, passwords, rules
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.models import LOCAL_ISSUER, Account, Identity
from storefront.accounts.privacy import Eraser
from storefront.messages import FORM, N_, FieldErrors, Message, refuse_unless
from storefront.outbox import services as outbox

# One message for an unknown email and a wrong password: telling them apart tells an
# attacker which addresses have accounts.
INVALID_CREDENTIALS = Message(
    N_("This email and password do not match. Check both, or reset your password.")
)
EMAIL_TAKEN = Message(
    N_("An account already exists for this email. Sign in, or reset your password.")
)


def local_identity(session: Session, email: str) -> Identity | None:
    """The password identity of the account with this (normalised) email, if it has one."""
    return session.scalar(
        select(Identity)
        .join(Identity.account)
        .where(Account.email == email, Identity.issuer == LOCAL_ISSUER)
    )


def sign_up(
    session: Session, email: str, password: str, *, name: str = "", locale: str | None = None
) -> Identity:
    """A new account with a local password; its email is the identity's subject."""
    email, name = rules.normalise_email(email), rules.clean_name(name)
    refuse_unless(
        {
            "email": rules.check_email(email),
            "password": rules.check_password(password, email),
            "name": rules.check_name(name),
        }
    )
    if session.scalar(select(Account.id).where(Account.email == email)) is not None:
        raise FieldErrors.on("email", EMAIL_TAKEN)
    account = Account(email=email, name=name, locale=locale)
    identity = Identity(
        account=account,
        issuer=LOCAL_ISSUER,
        subject=email,
        password_hash=passwords.hash_password(password),
    )
    try:
        with session.begin_nested():  # two sign-ups racing for one email: one wins
            session.add(account)
            session.flush()
    except IntegrityError:
        raise FieldErrors.on("email", EMAIL_TAKEN) from None
    return identity


def authenticate(session: Session, email: str, password: str) -> Identity:
    """The identity that this email and password open, or INVALID_CREDENTIALS.

    An unknown email still costs one hash verification, so the answer takes as long as
    for a known one. A hash made with older parameters is upgraded on the way.
    """
    identity = local_identity(session, rules.normalise_email(email))
    if identity is None or identity.password_hash is None:
        passwords.verify_nothing(password)
        raise FieldErrors.on(FORM, INVALID_CREDENTIALS)
    if not passwords.verify(identity.password_hash, password):
        raise FieldErrors.on(FORM, INVALID_CREDENTIALS)
    if passwords.needs_rehash(identity.password_hash):
        identity.password_hash = passwords.hash_password(password)
        session.flush()
    return identity


def change_password(
    session: Session,
    account_id: int,
    current: str,
    new: str,
    *,
    keep_session: str,
    reset_link: str,
) -> None:
    """Needs the current password (a borrowed, unlocked device is not enough), then signs
    out every other device: whoever knew the old password is no longer signed in."""
    account = session.get_one(Account, account_id)
    identity = local_identity(session, account.email)
    if identity is None or identity.password_hash is None:
        raise FieldErrors.on(FORM, Message(N_("This account signs in without a password.")))
    if not passwords.verify(identity.password_hash, current):
        raise FieldErrors.on("current_password", Message(N_("This is not your current password.")))
    refuse_unless({"new_password": rules.check_password(new, account.email)})
    identity.password_hash = passwords.hash_password(new)
    sign_in_sessions.revoke_all(session, account_id, keep=keep_session)
    emails.queue_password_changed(session, account, reset_link)
    session.flush()


def update_profile(
    session: Session, account_id: int, name: str, locale: str, *, offered: Collection[str]
) -> Account:
    """`locale` empty means "follow my browser"; it also picks the language of our emails."""
    name = rules.clean_name(name)
    refuse_unless({"name": rules.check_name(name), "locale": rules.check_locale(locale, offered)})
    account = session.get_one(Account, account_id)
    account.name = name
    account.locale = locale or None
    session.flush()
    return account


def delete_account(
    session: Session, account_id: int, confirmation: str, erasers: Sequence[Eraser] = ()
) -> None:
    """Erase the person: the database cascades to identities, sign-in sessions (so every
    signed-in device is out), password resets, carts, wishlists and alerts; mail to them
    goes too, and each of `erasers` removes what another domain keeps (accounts.privacy).

    Guest data on the device is not theirs to keep either: the caller forgets the guest.
    """
    account = session.get_one(Account, account_id)
    refuse_unless({"confirm_email": rules.confirms_deletion(confirmation, account.email)})
    outbox.forget_recipient(session, account.email)
    for erase in erasers:
        erase(session, account)
    session.execute(delete(Account).where(Account.id == account_id))
