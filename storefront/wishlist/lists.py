"""Named lists: create, rename, delete, choose the default one, share read-only and revoke."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.messages import N_, Message
from storefront.shopper import Owner
from storefront.wishlist import rules
from storefront.wishlist.models import Wishlist
from storefront.wishlist.services import WishlistError, find_default, owned_by, owned_list


def _names(session: Session, owner: Owner, *, besides: int | None = None) -> list[str]:
    query = select(Wishlist.name).where(owned_by(owner))
    if besides is not None:
        query = query.where(Wishlist.id != besides)
    return list(session.scalars(query))


def _checked_name(session: Session, owner: Owner, raw: str, *, besides: int | None) -> str:
    name = rules.clean_name(raw)
    decision = rules.check_list_name(name, _names(session, owner, besides=besides))
    if decision.reason is not None:
        raise WishlistError(decision.reason)
    return name


def create_list(session: Session, owner: Owner, raw_name: str) -> Wishlist:
    """A new named list; the owner's first list becomes the default one."""
    name = _checked_name(session, owner, raw_name, besides=None)
    count = session.scalar(select(func.count()).select_from(Wishlist).where(owned_by(owner)))
    decision = rules.can_create_list(count or 0)
    if decision.reason is not None:
        raise WishlistError(decision.reason)
    now = clock.now()
    created = Wishlist(
        account_id=owner.account_id,
        guest_token=owner.guest_token if owner.account_id is None else None,
        name=name,
        is_default=find_default(session, owner) is None,
        created_at=now,
        updated_at=now,
    )
    session.add(created)
    session.flush()
    return created


def rename_list(session: Session, owner: Owner, list_id: int, raw_name: str) -> Wishlist:
    found = owned_list(session, owner, list_id)
    found.name = _checked_name(session, owner, raw_name, besides=found.id)
    found.updated_at = clock.now()
    session.flush()
    return found


def delete_list(session: Session, owner: Owner, list_id: int) -> str:
    """Delete a list and its items; returns its name. The default list stays, so a heart
    always has somewhere to go: make another list the default first."""
    found = owned_list(session, owner, list_id)
    if found.is_default:
        raise WishlistError(
            Message(N_("This is your default list. Make another list the default first."))
        )
    name = found.name
    session.delete(found)
    session.flush()
    return name


def set_default(session: Session, owner: Owner, list_id: int) -> Wishlist:
    """Clear the old default before setting the new one: the partial unique index checks
    each statement, and never allows two defaults, even for a moment."""
    found = owned_list(session, owner, list_id)
    if found.is_default:
        return found
    session.execute(
        update(Wishlist).where(owned_by(owner), Wishlist.is_default).values(is_default=False)
    )
    session.execute(
        update(Wishlist)
        .where(Wishlist.id == found.id)
        .values(is_default=True, updated_at=clock.now())
    )
    session.expire_all()
    return owned_list(session, owner, list_id)


def share_list(session: Session, owner: Owner, list_id: int) -> str:
    """A read-only link: 24 random bytes, so it cannot be guessed, only given. Sharing an
    already shared list keeps its link, so links already handed out keep working."""
    found = owned_list(session, owner, list_id)
    if found.share_token is None:
        found.share_token = secrets.token_urlsafe(24)
        session.flush()
    return found.share_token


def revoke_share(session: Session, owner: Owner, list_id: int) -> None:
    """The link, and any QR code printed from it, stop working at once."""
    found = owned_list(session, owner, list_id)
    found.share_token = None
    session.flush()
