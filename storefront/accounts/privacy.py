"""What each domain holds about an account, as `create_app` registers it: the sections of
the data download (GDPR article 15) and the erasers that run before the account row is
deleted (article 17), for data the database's cascades do not remove."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from storefront.accounts.models import Account

Section = Callable[[Session, int], Any]  # (session, account id) -> JSON-ready data
Eraser = Callable[[Session, Account], None]


@dataclass(frozen=True)
class Privacy:
    sections: Mapping[str, Section] = field(default_factory=dict)
    erasers: Sequence[Eraser] = ()


def init_app(app: Flask, privacy: Privacy) -> None:
    app.extensions["privacy"] = privacy


def registered() -> Privacy:
    privacy: Privacy = current_app.extensions["privacy"]
    return privacy
