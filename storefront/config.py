"""Settings read once from the environment into a frozen dataclass."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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


_PROVIDER_NAME = re.compile(r"[a-z][a-z0-9-]{0,39}")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


class ConfigError(ValueError):
    """A setting the shop cannot start with; its message says which and why."""


@dataclass(frozen=True)
class OidcProvider:
    """One OpenID Connect provider the shop accepts accounts from. `name` is its slug in our
    URLs (/account/sso/<name>/...); everything else comes from the issuer's metadata."""

    name: str
    issuer: str
    client_id: str
    client_secret: str
    display_name: str
    scopes: tuple[str, ...] = ("openid", "email", "profile")


def _oidc_providers(env: dict[str, str]) -> tuple[OidcProvider, ...]:
    """STOREFRONT_OIDC_PROVIDERS=retailer,other, then per name STOREFRONT_OIDC_RETAILER_ISSUER,
    _CLIENT_ID, _CLIENT_SECRET, _DISPLAY_NAME, _SCOPES. A mistake stops the start with its
    reason: a half-configured provider would fail only when a shopper tries it."""
    providers = []
    for name in filter(None, (n.strip().lower() for n in env.get(_PROVIDERS, "").split(","))):
        if not _PROVIDER_NAME.fullmatch(name):
            raise ConfigError(f"{_PROVIDERS}: {name!r} is not a name like 'retailer' or 'my-idp'")
        prefix = f"STOREFRONT_OIDC_{name.upper().replace('-', '_')}_"
        issuer = env.get(prefix + "ISSUER", "").strip().rstrip("/")
        client_id = env.get(prefix + "CLIENT_ID", "").strip()
        parts = urlsplit(issuer)
        secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
        if not issuer or not secure or parts.query or parts.fragment:
            raise ConfigError(f"{prefix}ISSUER must be an https URL (http only on loopback)")
        if not client_id:
            raise ConfigError(f"{prefix}CLIENT_ID is required")
        scopes = tuple(env.get(prefix + "SCOPES", "openid email profile").split())
        if "openid" not in scopes:
            raise ConfigError(f"{prefix}SCOPES must include openid")
        providers.append(
            OidcProvider(
                name=name,
                issuer=issuer,
                client_id=client_id,
                client_secret=env.get(prefix + "CLIENT_SECRET", ""),
                display_name=env.get(prefix + "DISPLAY_NAME", "").strip() or name.title(),
                scopes=scopes,
            )
        )
    if len({p.name for p in providers}) != len(providers):
        raise ConfigError(f"{_PROVIDERS} names a provider twice")
    return tuple(providers)


_PROVIDERS = "STOREFRONT_OIDC_PROVIDERS"


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
    # Proxies in front that append to X-Forwarded-For (a load balancer: 1). Only then is the
    # shopper's address read from it, for rate limits and logs; 0 ignores it, as anyone can
    # send it.
    proxies: int = 0
    testing: bool = False
    static_build: Path = field(default=INSTANCE / "static")
    # Category and search listings (products, facet counts) are reused for this many
    # seconds per worker, or until the catalog's version moves (any committed write to stock
    # or the catalog through this shop). 0 turns it off.
    listing_cache_seconds: float = 10.0
    # Where the catalog's version lives (redis://host:6379/0): every server then drops its
    # cached listings the moment stock changes anywhere. Empty: in this process only, so
    # another worker's change shows after `listing_cache_seconds`.
    cache_url: str = ""
    # The address shoppers use (https://shop.example): every link in an email is built on
    # it, never on a request's Host header, and requests for any other host get 400.
    public_url: str = "http://localhost"
    # Mail: SMTP when a URL is set (smtp://user:pass@host:port, smtps:// for implicit TLS),
    # otherwise .eml files under instance/mail/.
    smtp_url: str = ""
    smtp_starttls: bool = False
    mail_from: str = "Cairn <no-reply@cairn.example>"
    # Web push (`flask push keys` makes the pair); empty: the shop offers no notifications.
    vapid_private_key: str = ""
    vapid_public_key: str = ""
    vapid_subject: str = "mailto:no-reply@cairn.example"
    # Rate limits (Flask-Limiter syntax); memory:// per process unless Redis is configured
    # (redis://host:6379/0), where every worker and host counts against one total. The
    # prefix keeps two shops, or a shop and its tests, apart in one Redis (the catalog
    # version below uses it too).
    ratelimit_storage: str = "memory://"
    ratelimit_prefix: str = "cairn"
    sign_in_limit: str = "10/minute"
    password_reset_limit: str = "5/minute"
    # Back-in-stock asks: per address asked for, and per network address (a store's shoppers
    # may share one).
    alert_limit_per_email: str = "5/hour"
    alert_limit_per_ip: str = "30/hour"
    # Store locator: a geopy geocoder ("nominatim", ...) asked first, with a 2 s timeout; empty
    # (the default) uses only the offline gazetteer shipped in storefront/stores/data/.
    geocoder: str = ""
    geocoder_user_agent: str = "cairn-storefront"
    # Store locator map: a tile URL template ("https://tile.example.org/{z}/{x}/{y}.png") turns
    # on a Leaflet map above the results, and its origin is allowed in the CSP's img-src.
    # Empty (the default): no map, no Leaflet files, the CSP unchanged. The attribution is
    # shown as plain text in the corner of the map.
    map_tiles: str = ""
    map_attribution: str = "© OpenStreetMap contributors"
    # Single sign-on: OpenID Connect providers (see _oidc_providers), and whether shoppers may
    # also sign up and sign in with an email and a password here (on by default).
    oidc_providers: tuple[OidcProvider, ...] = ()
    local_accounts: bool = True

    @property
    def trusted_hosts(self) -> list[str]:
        """The public host, and on loopback its other loopback names (a developer may open
        127.0.0.1 or localhost alike)."""
        host = urlsplit(self.public_url).hostname or ""
        return sorted(_LOOPBACK) if host in _LOOPBACK else [host]

    def oidc_provider(self, name: str) -> OidcProvider | None:
        return next((p for p in self.oidc_providers if p.name == name), None)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        instance = Path(env.get("STOREFRONT_INSTANCE", str(INSTANCE)))
        providers, local_accounts = _sign_in_settings(env)
        return cls(
            database_url=env.get("STOREFRONT_DATABASE_URL")
            or f"sqlite:///{instance / 'storefront.sqlite3'}",
            secret_key=env.get("SECRET_KEY") or _development_secret(instance),
            instance_path=instance,
            default_locale=env.get("STOREFRONT_DEFAULT_LOCALE", "en"),
            secure_cookies=env.get("STOREFRONT_SECURE_COOKIES", "0") == "1",
            proxies=_proxies(env),
            static_build=instance / "static",
            listing_cache_seconds=float(env.get("STOREFRONT_LISTING_CACHE_SECONDS", "10")),
            cache_url=env.get("STOREFRONT_CACHE_URL", ""),
            smtp_url=env.get("STOREFRONT_SMTP_URL", ""),
            smtp_starttls=env.get("STOREFRONT_SMTP_STARTTLS", "0") == "1",
            mail_from=env.get("STOREFRONT_MAIL_FROM", cls.mail_from),
            vapid_private_key=env.get("STOREFRONT_VAPID_PRIVATE_KEY", ""),
            vapid_public_key=env.get("STOREFRONT_VAPID_PUBLIC_KEY", ""),
            vapid_subject=env.get("STOREFRONT_VAPID_SUBJECT", cls.vapid_subject),
            public_url=_public_url(env),
            ratelimit_storage=env.get("STOREFRONT_RATELIMIT_STORAGE", cls.ratelimit_storage),
            ratelimit_prefix=env.get("STOREFRONT_RATELIMIT_PREFIX", cls.ratelimit_prefix),
            sign_in_limit=env.get("STOREFRONT_SIGN_IN_LIMIT", cls.sign_in_limit),
            password_reset_limit=env.get(
                "STOREFRONT_PASSWORD_RESET_LIMIT", cls.password_reset_limit
            ),
            alert_limit_per_email=env.get(
                "STOREFRONT_ALERT_LIMIT_PER_EMAIL", cls.alert_limit_per_email
            ),
            alert_limit_per_ip=env.get("STOREFRONT_ALERT_LIMIT_PER_IP", cls.alert_limit_per_ip),
            geocoder=env.get("STOREFRONT_GEOCODER", "").strip().lower(),
            geocoder_user_agent=env.get("STOREFRONT_GEOCODER_USER_AGENT", cls.geocoder_user_agent),
            map_tiles=env.get("STOREFRONT_MAP_TILES", "").strip(),
            map_attribution=env.get("STOREFRONT_MAP_ATTRIBUTION", cls.map_attribution),
            oidc_providers=providers,
            local_accounts=local_accounts,
        )

    @classmethod
    def for_tests(cls, database_url: str, instance_path: Path) -> Config:
        return cls(
            database_url=database_url,
            secret_key="test-secret-key-not-for-production",
            instance_path=instance_path,
            testing=True,
            listing_cache_seconds=0.0,
        )


_PUBLIC_URL = "STOREFRONT_PUBLIC_URL"


def _proxies(env: dict[str, str]) -> int:
    name = "STOREFRONT_PROXIES"
    value = env.get(name, "0").strip()
    if not value.isdigit() or int(value) > 10:
        raise ConfigError(f"{name} must be a number of proxies from 0 to 10, not {value!r}.")
    return int(value)


def _public_url(env: dict[str, str]) -> str:
    """Required: without it, links in emails would have to come from the Host header, which
    whoever sends a request writes (a password-reset link pointing at their own site)."""
    url = env.get(_PUBLIC_URL, "").strip().rstrip("/")
    if not url:
        raise ConfigError(
            f"{_PUBLIC_URL} is not set: give the address shoppers use, like "
            "https://shop.example (make run sets http://127.0.0.1:8000)"
        )
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
    if not parts.hostname or not secure or parts.path or parts.query or parts.fragment:
        raise ConfigError(
            f"{_PUBLIC_URL} must be an origin like https://shop.example (http only on "
            f"loopback, no path): {url!r}"
        )
    return url


def _sign_in_settings(env: dict[str, str]) -> tuple[tuple[OidcProvider, ...], bool]:
    providers = _oidc_providers(env)
    local = env.get("STOREFRONT_LOCAL_ACCOUNTS", "1") != "0"
    if not local and not providers:
        raise ConfigError(
            "STOREFRONT_LOCAL_ACCOUNTS=0 needs STOREFRONT_OIDC_PROVIDERS: nobody could sign in"
        )
    return providers, local
