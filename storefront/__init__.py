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
        media,
        rate_limits,
        request_guard,
        security,
        shopper,
    )
    from storefront.accounts import sessions as sign_in_sessions
    from storefront.accounts import sso_views
    from storefront.accounts.views import bp as accounts_bp
    from storefront.cart import views as cart_views
    from storefront.catalog.views import bp as catalog_bp
    from storefront.extensions import compress, csrf, limiter
    from storefront.ids import IdConverter
    from storefront.outbox import dispatch as outbox
    from storefront.pickup.order_views import bp as orders_bp
    from storefront.pickup.views import bp as pickup_bp
    from storefront.staff.views import bp as staff_bp
    from storefront.stores import locator_views  # noqa: F401  (its routes join stores_bp)
    from storefront.stores.alert_views import bp as alerts_bp
    from storefront.stores.api import bp as stock_api_bp
    from storefront.stores.views import bp as stores_bp
    from storefront.wishlist import views as wishlist_views

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
        COMPRESS_MIMETYPES=["text/html", "application/json", "image/svg+xml", "text/calendar"],
    )
    after_response.init_app(app)
    db.init_app(app, config.database_url)
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    rate_limits.check_storage(app)
    sign_in_sessions.init_app(app)
    sso_views.init_app(app)
    shopper.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    request_guard.init_app(app)
    errors.init_app(app)
    htmx.init_app(app)
    media.init_app(app)
    cli.init_app(app)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(stock_api_bp)
    app.register_blueprint(alerts_bp)
    app.register_blueprint(stores_bp)
    app.register_blueprint(pickup_bp)
    app.register_blueprint(orders_bp)
    app.register_blueprint(staff_bp)
    outbox.init_app(app)
    wishlist_views.init_app(app)
    cart_views.init_app(app)
    assets.init_app(app, ROOT / "static", config.static_build)
    if config.proxies:
        hops = config.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app
