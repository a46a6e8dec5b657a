"""The add-to-cart POST as htmx sends it from a product page, by guest shoppers that each keep
their own cookies: the Flask `session` (which the CSRF token is tied to) and the `guest`
cookie the first add sets (which the cart belongs to).

Every client thread has a few shoppers that take turns; each shopper adds one unit of the
sellable variants in order, from its own starting point, so a (cart, variant) line reaches
its cap (20, or the stock) only after a shopper went round every variant that many times.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

from loadgen import Request
from pages import ACCEPT, BenchError, Response, fetch, paths_under, scan

HTMX_TOAST = {"HX-Request": "true", "HX-Target": "div#cart-toast"}
FORM = "application/x-www-form-urlencoded"
MIN_VARIANTS = 300  # read further listing pages until this many variants are known
MAX_LISTING_PAGES = 5
FEW_VARIANTS = 50  # fewer on the listing pages: read the product pages they link to
MAX_PRODUCT_PAGES = 60


class AddForms(HTMLParser):
    """The add-to-cart forms of a page: their action, CSRF token and sellable variant ids.

    A form counts when it posts a `variant_id`: from a hidden input (sellable unless the
    form's own submit button is disabled), or from a choice the shopper makes (an option of a
    select, a radio, or a submit button carrying `name="variant_id"`: sellable unless that
    choice is disabled)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action = ""
        self.token = ""
        self.variants: list[int] = []
        self._form: str | None = None  # action of the open POST form
        self._hidden: list[int] = []
        self._choices: list[int] = []
        self._disabled = False
        self._in_select = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        name, value = attr.get("name", ""), attr.get("value", "")
        enabled = "disabled" not in attr
        if tag == "form":
            post = attr.get("method", "").lower() == "post"
            self._form = attr.get("action", "") if post else None
            self._hidden, self._choices, self._disabled = [], [], False
        elif self._form is None:
            return
        elif tag == "input" and name == "csrf_token":
            self.token = self.token or value
        elif tag == "select":
            self._in_select = name == "variant_id"
        elif name == "variant_id" and value.isdigit() and tag in ("input", "button"):
            if tag == "input" and attr.get("type", "text").lower() == "hidden":
                self._hidden.append(int(value))
            elif enabled:
                self._choices.append(int(value))
        elif tag == "option" and self._in_select and value.isdigit() and enabled:
            self._choices.append(int(value))
        elif tag in ("button", "input") and not enabled:
            self._disabled = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._in_select = False
        elif tag == "form" and self._form is not None:
            found = self._choices + ([] if self._disabled else self._hidden)
            if found:
                self.action = self.action or urlsplit(self._form).path
                self.variants += [v for v in found if v not in self.variants]
            self._form = None


def add_forms(html: str) -> AddForms:
    parser = AddForms()
    parser.feed(html)
    parser.close()
    return parser


@dataclass
class Shopper:
    """One browser: its cookie jar, the CSRF token of its session, where it starts adding."""

    token: str = ""
    start: int = 0
    cookies: dict[str, str] = field(default_factory=dict)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def keep(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            if not value or "max-age=0" in header.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()


def new_shopper(host: str, port: int, page: str, start: int) -> Shopper:
    """A fresh browser that opened `page`: a session cookie and the token of its forms."""
    shopper = Shopper(start=start)
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", page, headers={"Accept": "text/html"})
        response = conn.getresponse()
        html = response.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException) as exc:
        raise BenchError(f"GET {page} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        conn.close()
    shopper.keep(response)
    shopper.token = add_forms(html).token
    if response.status != 200 or not shopper.token:
        raise BenchError(
            f"GET {page} answered HTTP {response.status} with no csrf_token in an add-to-cart"
            " form: cannot post to the cart"
        )
    return shopper


@dataclass
class AddToCart:
    """A load client: its shoppers take turns, one POST of quantity 1 each."""

    action: str
    shoppers: Sequence[Shopper]
    variants: Sequence[int]
    turn: int = 0
    first: dict[int, Response] = field(default_factory=dict)  # first answer per status
    _current: Shopper | None = None

    def next_request(self) -> Request:
        shopper = self.shoppers[self.turn % len(self.shoppers)]
        step = self.turn // len(self.shoppers)
        variant = self.variants[(shopper.start + step) % len(self.variants)]
        self.turn += 1
        self._current = shopper
        form = {"variant_id": variant, "quantity": 1, "csrf_token": shopper.token}
        headers = {**ACCEPT, **HTMX_TOAST, "Content-Type": FORM, "Cookie": shopper.cookie_header()}
        return Request("POST", self.action, headers, urlencode(form).encode())

    def on_response(self, response: http.client.HTTPResponse, body: bytes) -> None:
        if self._current is not None:
            self._current.keep(response)
        if response.status not in self.first:
            headers = {k.lower(): v for k, v in response.getheaders()}
            self.first[response.status] = Response(self.action, response.status, headers, body)

    @property
    def adds_per_shopper(self) -> int:
        return -(-self.turn // len(self.shoppers))


@dataclass(frozen=True)
class CartSetup:
    action: str
    variants: list[int]
    clients: list[AddToCart]
    source: str  # where the variant ids were read

    @property
    def shoppers(self) -> list[Shopper]:
        return [s for c in self.clients for s in c.shoppers]

    def first(self, status: int) -> Response | None:
        """The first answer with `status` any client got, to size the fragment."""
        return next((c.first[status] for c in self.clients if status in c.first), None)


def _listing_pages(category: Response) -> list[str]:
    """The category page, then the further pages of its listing it links to."""
    base = category.path.split("?", 1)[0]
    links = paths_under(scan(category.text()).links, base + "?", category.path)
    further = [p for p in links if parse_qs(urlsplit(p).query).get("page", ["1"]) != ["1"]]
    return [category.path, *further]


def prepare(
    host: str,
    port: int,
    category: Response,
    product: Response,
    *,
    clients: int,
    shoppers_per_client: int,
    log: Callable[[str], None],
) -> CartSetup:
    """Variant ids from the add forms of the product page and the category listing (further
    pages until there are enough; product pages of the listing when its cards have no add
    forms), and `clients` x `shoppers_per_client` fresh shoppers."""
    forms = add_forms(product.text())
    action, variants = forms.action, list(forms.variants)
    products: list[str] = []
    read, visited = 0, 0

    def take(page: Response) -> None:
        nonlocal action
        found = add_forms(page.text())
        action = action or found.action
        variants.extend(v for v in found.variants if v not in variants)

    for path in _listing_pages(category)[:MAX_LISTING_PAGES]:
        if len(variants) >= MIN_VARIANTS:
            break
        page = category if path == category.path else fetch(host, port, path)
        read += 1
        take(page)
        products += paths_under(scan(page.text()).links, "/p/", page.path)
    if len(variants) < FEW_VARIANTS:
        log(f"  only {len(variants)} variants on the listing: reading product pages ...")
        for path in products[:MAX_PRODUCT_PAGES]:
            take(fetch(host, port, path))
            visited += 1
    if not action or not variants:
        raise BenchError(
            f"no add-to-cart form with a sellable variant on {product.path} or {category.path}"
        )
    count = clients * shoppers_per_client
    log(f"  {len(variants)} sellable variants; opening {count} shopper sessions ...")
    shoppers = [
        new_shopper(host, port, product.path, start=i * len(variants) // count)
        for i in range(count)
    ]
    adders = [AddToCart(action, shoppers[i::clients], variants) for i in range(clients)]
    source = f"{read} listing page(s), {product.path}" + (
        f" and {visited} product pages" if visited else ""
    )
    return CartSetup(action, variants, adders, source)
