"""The storefront application factory."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from storefront.config import ROOT, Config


def create_app(config: Config | None = None) -> Flask:
    from storefront import (
        after_response,
        assets,
        cli,
        db,
        errors,
        htmx,
        i18n,
        idempotency,
        media,
        rate_limits,
        request_guard,
        security,
        shop_links,
        shopper,
        template_filters,
    )
    from storefront.accounts import wiring as accounts
    from storefront.accounts.privacy import Privacy
    from storefront.browse import wiring as browse
    from storefront.cart import wiring as cart
    from storefront.cart.queries import export_for_account as cart_data
    from storefront.cart.views import merge_on_sign_in as merge_carts
    from storefront.catalog import wiring as catalog
    from storefront.consent import wiring as consent
    from storefront.extensions import compress, csrf, limiter
    from storefront.ids import IdConverter
    from storefront.inventory import wiring as inventory
    from storefront.inventory.alert_queries import export_for_account as alerts_data
    from storefront.kiosk import wiring as kiosk
    from storefront.outbox import dispatch as outbox
    from storefront.pickup import wiring as pickup
    from storefront.pickup.order_views import join_on_sign_in as join_guest_orders
    from storefront.pickup.privacy import anonymise_orders
    from storefront.pickup.privacy import export_for_account as pickup_data
    from storefront.push import wiring as push
    from storefront.pwa import wiring as pwa
    from storefront.staff import wiring as staff
    from storefront.stores import wiring as stores
    from storefront.stores.my_store import adopt_on_sign_in as adopt_my_store
    from storefront.wishlist import wiring as wishlist
    from storefront.wishlist.merge_views import merge_on_sign_in as merge_wishlists
    from storefront.wishlist.queries import export_for_account as wishlist_data

    config = config or Config.from_env()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=None,
        instance_path=str(config.instance_path),
    )
    app.url_map.converters["int"] = IdConverter  # before any route: every <int:> is an id
    app.config.update(
        STOREFRONT=config,
        SECRET_KEY=config.secret_key,
        TESTING=config.testing,
        TRUSTED_HOSTS=config.trusted_hosts,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        WTF_CSRF_TIME_LIMIT=None,
        RATELIMIT_STORAGE_URI=config.ratelimit_storage,
        RATELIMIT_KEY_PREFIX=config.ratelimit_prefix,
        # Redis down: limits count per process meanwhile, rather than the shop failing.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=4,
        COMPRESS_MIMETYPES=[
            "text/html",
            "application/json",
            "application/manifest+json",
            "text/javascript",
            "image/svg+xml",
            "text/calendar",
        ],
    )
    after_response.init_app(app)
    db.init_app(app, config.database_url)
    csrf.init_app(app)
    idempotency.init_app(app)  # after the CSRF check, so a forged POST burns no key
    compress.init_app(app)
    limiter.init_app(app)
    rate_limits.check_storage(app)
    accounts.init_app(
        app,
        # In this order, inside the sign-in's transaction (see accounts.on_sign_in).
        sign_in_steps=[adopt_my_store, join_guest_orders, merge_wishlists, merge_carts],
        privacy_of=Privacy(
            sections={
                "cart": cart_data,
                "wishlists": wishlist_data,
                "pickup_orders": pickup_data,
                "stock_alerts": alerts_data,
            },
            erasers=[anonymise_orders],
        ),
    )
    shopper.init_app(app)
    i18n.init_app(app)
    template_filters.init_app(app)
    shop_links.init_app(app)
    security.init_app(app)
    request_guard.init_app(app)
    errors.init_app(app)
    htmx.init_app(app)
    media.init_app(app)
    cli.init_app(app)
    catalog.init_app(app)
    stores.init_app(app)
    inventory.init_app(app)
    browse.init_app(app)
    cart.init_app(app)
    wishlist.init_app(app)
    pickup.init_app(app)
    consent.init_app(app)
    staff.init_app(app)
    kiosk.init_app(app)
    outbox.init_app(app)
    push.init_app(app)
    pwa.init_app(app)
    assets.init_app(app, ROOT / "static", config.static_build)
    if config.proxies:
        hops = config.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app
