"""Settings read once from the environment into a frozen dataclass."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _development_secret(instance: Path) -> str:
    """A key generated once per checkout, so sessions survive restarts in development."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


@dataclass(frozen=True)
class Config:
    database_url: str
    secret_key: str
    instance_path: Path = INSTANCE
    languages: tuple[str, ...] = ("en", "fr")
    default_locale: str = "en"
    default_currency: str = "EUR"
    page_size: int = 24
    secure_cookies: bool = False
    testing: bool = False
    static_build: Path = field(default=INSTANCE / "static")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        instance = Path(env.get("STOREFRONT_INSTANCE", str(INSTANCE)))
        return cls(
            database_url=env.get("STOREFRONT_DATABASE_URL")
            or f"sqlite:///{instance / 'storefront.sqlite3'}",
            secret_key=env.get("SECRET_KEY") or _development_secret(instance),
            instance_path=instance,
            default_locale=env.get("STOREFRONT_DEFAULT_LOCALE", "en"),
            secure_cookies=env.get("STOREFRONT_SECURE_COOKIES", "0") == "1",
            static_build=instance / "static",
        )

    @classmethod
    def for_tests(cls, database_url: str, instance_path: Path) -> Config:
        return cls(
            database_url=database_url,
            secret_key="test-secret-key-not-for-production",
            instance_path=instance_path,
            testing=True,
        )
