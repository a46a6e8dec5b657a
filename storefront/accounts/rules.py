"""Account rules: what an email address, a password, a name and a reset link must be.

Pure functions returning Decisions, so every case is a unit test without Flask or a
database. Messages are marked with N_ and translated only when shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import datetime, timedelta

from storefront.messages import N_, Decision, Message

MAX_EMAIL_LENGTH = 254  # RFC 5321 path limit, and the column's size
MAX_LOCAL_PART_LENGTH = 64
MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase or manager, short enough that a form cannot make us hash
# megabytes.
MAX_PASSWORD_LENGTH = 1000
MAX_NAME_LENGTH = 120
RESET_LIFETIME = timedelta(hours=1)

# The commonest passwords that pass the length rule, from public breach lists (English and
# French). The length rule already refuses the far longer list of shorter ones.
COMMON_PASSWORDS = frozenset(
    {
        "0000000000",
        "0123456789",
        "1111111111",
        "1234567890",
        "123456789a",
        "1234567891",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "abcdefghij",
        "azertyuiop",
        "azerty1234",
        "football123",
        "iloveyou12",
        "motdepasse",
        "motdepasse1",
        "motdepasse123",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "qwerty1234",
        "qwerty123456",
        "qwertyuiop",
        "soleil1234",
        "sunshine123",
        "welcome123",
    }
)

# One @, no spaces, a dot in the domain with no empty label. Deliverability is what the
# reset email proves; this only catches typing mistakes.
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def normalise_email(raw: str) -> str:
    """One spelling per address: trimmed, NFC, lower case.

    The local part is case-sensitive in theory and never in practice; folding it stops
    "Anna@x.fr" and "anna@x.fr" from becoming two accounts for one mailbox.
    """
    return unicodedata.normalize("NFC", raw).strip().lower()


def check_email(email: str) -> Decision:
    """`email` must already be normalised."""
    if not email:
        return Decision.refuse(Message(N_("Enter your email address.")))
    local, _, _domain = email.partition("@")
    too_long = len(email) > MAX_EMAIL_LENGTH or len(local) > MAX_LOCAL_PART_LENGTH
    if too_long or not _EMAIL_SHAPE.match(email) or not email.isprintable():
        return Decision.refuse(Message(N_("Enter an email address like name@example.com.")))
    return Decision.allow()


def check_password(password: str, email: str) -> Decision:
    """Length first (what makes a password hard to guess), then the obvious choices.

    Compared case-insensitively, because "MotDePasse" is guessed as soon as "motdepasse" is.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return Decision.refuse(
            Message(N_("Use at least %(count)s characters."), count=MIN_PASSWORD_LENGTH)
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        return Decision.refuse(
            Message(N_("Use at most %(count)s characters."), count=MAX_PASSWORD_LENGTH)
        )
    folded = password.casefold()
    if email and folded in {email.casefold(), email.partition("@")[0].casefold()}:
        return Decision.refuse(Message(N_("Choose a password that is not your email address.")))
    if folded in COMMON_PASSWORDS or len(set(folded)) == 1:
        return Decision.refuse(
            Message(N_("This password is among the most guessed ones. Choose another."))
        )
    return Decision.allow()


def clean_name(raw: str) -> str:
    """Inner runs of spaces collapsed, so "  Anna   Martin " is stored as "Anna Martin"."""
    return " ".join(raw.split())


def check_name(name: str) -> Decision:
    if len(name) > MAX_NAME_LENGTH:
        return Decision.refuse(
            Message(N_("Use at most %(count)s characters."), count=MAX_NAME_LENGTH)
        )
    if not name.isprintable():
        return Decision.refuse(Message(N_("Use letters, spaces and punctuation only.")))
    return Decision.allow()


def check_locale(locale: str, offered: Collection[str]) -> Decision:
    """Empty means "follow my browser"; anything else must be a language we offer."""
    if locale and locale not in offered:
        return Decision.refuse(Message(N_("Choose one of the offered languages.")))
    return Decision.allow()


def first_name(name: str) -> str:
    """What the header shows: the first word of the name, or nothing."""
    return name.split(" ", 1)[0] if name else ""


def reset_expiry(now: datetime) -> datetime:
    """A reset link works for one hour: long enough to open the email, short enough that
    a link found later in a mailbox is useless."""
    return now + RESET_LIFETIME


def confirms_deletion(typed: str, email: str) -> Decision:
    """Deleting an account cannot be undone, so the person types their email to confirm."""
    if normalise_email(typed) != email:
        return Decision.refuse(Message(N_("Type the email address of this account to confirm.")))
    return Decision.allow()


def locale_from_claim(claim: str | None, offered: Collection[str]) -> str | None:
    """An identity provider's locale claim ("fr-FR", "fr_CA", "en") as one of our languages,
    or None (follow the browser) when we do not offer it."""
    if not claim:
        return None
    language = claim.replace("_", "-").split("-", 1)[0].lower()
    return language if language in offered else None


def can_remove_sign_in_method(usable_after: int) -> Decision:
    """A person must keep at least one way in; `usable_after` counts the methods left that
    this shop accepts (a password does not count when local accounts are turned off)."""
    if usable_after < 1:
        return Decision.refuse(
            Message(N_("This is your only way to sign in. Add another before removing it."))
        )
    return Decision.allow()
