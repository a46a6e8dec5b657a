"""Accounts, the ways a person signs in to them, and the server-side sign-in sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.db import Base

LOCAL_ISSUER = "local"


class Account(Base):
    """A person. How they prove who they are lives in Identity, so SSO can add ways in."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(120), default="")
    locale: Mapped[str | None] = mapped_column(String(8))
    my_store_id: Mapped[int | None] = mapped_column(ForeignKey("store.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    identities: Mapped[list[Identity]] = relationship(
        back_populates="account", cascade="all, delete-orphan"
    )


class Identity(Base):
    """One way into an account: a local password (issuer "local", subject = account email
    at creation) or an OpenID Connect (issuer, subject) pair."""

    __tablename__ = "identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    account: Mapped[Account] = relationship(back_populates="identities")


class SignInSession(Base):
    """A signed-in browser. The cookie holds only this random id, so signing out (here or
    at the identity provider) revokes it on the server for every copy of the cookie."""

    __tablename__ = "sign_in_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identity.id", ondelete="SET NULL"))
    provider_sid: Mapped[str | None] = mapped_column(String(255), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user_agent: Mapped[str] = mapped_column(String(255), default="")

    account: Mapped[Account] = relationship()


class PasswordReset(Base):
    """A one-time reset link; only a hash of its token is stored."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OidcLogin(Base):
    """One trip to an identity provider, awaiting its callback. Kept on the server rather than
    in the cookie, so a state works once even when an old cookie is replayed with it; the
    cookie holds only a random value whose hash ties the trip to this browser."""

    __tablename__ = "oidc_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    browser_hash: Mapped[str] = mapped_column(String(64))
    provider: Mapped[str] = mapped_column(String(40))
    nonce: Mapped[str] = mapped_column(String(64))
    code_verifier: Mapped[str] = mapped_column(String(128))
    next_path: Mapped[str] = mapped_column(String(2000), default="/")
    # Set when a signed-in shopper adds this provider to their account from the account page.
    link_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PendingLink(Base):
    """A provider identity waiting for the owner of the local account with the same verified
    email to prove it is theirs, with that account's password, before the two are linked."""

    __tablename__ = "pending_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    provider: Mapped[str] = mapped_column(String(40))
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    provider_sid: Mapped[str | None] = mapped_column(String(255))
    next_path: Mapped[str] = mapped_column(String(2000), default="/")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UsedLogoutToken(Base):
    """Back-channel logout tokens already acted on, by a hash of (issuer, jti), until they
    expire: a replayed token is refused."""

    __tablename__ = "used_logout_token"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
