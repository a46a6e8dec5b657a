"""Fetch pages from the local server and read links, assets and images out of their HTML."""

from __future__ import annotations

import gzip
import http.client
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import brotli

ACCEPT = {"Accept-Encoding": "br, gzip", "Accept": "text/html,*/*"}
ASSET_RELS = ("stylesheet", "modulepreload", "preload", "icon", "manifest")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class BenchError(Exception):
    """A condition that stops the bench, with a message for the operator."""


@dataclass(frozen=True)
class Response:
    path: str
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # as transferred, still encoded

    @property
    def encoding(self) -> str:
        return self.headers.get("content-encoding", "identity").lower()

    @property
    def sent(self) -> int:
        return len(self.body)

    def decoded(self) -> bytes:
        if self.encoding == "br":
            return bytes(brotli.decompress(self.body))
        if self.encoding == "gzip":
            return gzip.decompress(self.body)
        return self.body

    def text(self) -> str:
        return self.decoded().decode("utf-8", errors="replace")


def fetch(host: str, port: int, path: str, *, follow: int = 5, timeout: float = 10.0) -> Response:
    """GET `path` with `Accept-Encoding: br, gzip`, following same-server redirects."""
    for _ in range(follow + 1):
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.request("GET", path, headers=ACCEPT)
            raw = conn.getresponse()
            response = Response(
                path, raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read()
            )
        except (OSError, http.client.HTTPException) as exc:
            raise BenchError(f"GET {path} failed: {type(exc).__name__}: {exc}") from exc
        finally:
            conn.close()
        location = response.headers.get("location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = local_path(location, base=path)
        if target is None:
            raise BenchError(f"GET {path} redirects off this server, to {location}")
        path = target
    raise BenchError(f"GET {path}: more than {follow} redirects")


def local_path(url: str, *, base: str = "/") -> str | None:
    """The path and query of `url` if it points at this server; None for other hosts."""
    parts = urlsplit(urljoin(f"http://local{base}", url))
    if parts.scheme not in ("http", "https") or parts.hostname not in ("local", "127.0.0.1"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class PageScan(HTMLParser):
    """Anchors, first-load assets and images of one HTML document, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[tuple[str, str]] = []  # (kind, url)
        self.images: list[tuple[str, bool]] = []  # (url, loading=lazy)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        elif tag == "link" and attr.get("href"):
            rels = attr.get("rel", "").lower().split()
            kind = next((rel for rel in ASSET_RELS if rel in rels), None)
            if kind:
                self.assets.append((kind, attr["href"]))
        elif tag == "script" and attr.get("src"):
            self.assets.append(("script", attr["src"]))
        elif tag in ("img", "source"):
            lazy = attr.get("loading", "").lower() == "lazy"
            urls = [attr.get("src", "")]
            urls += [c.strip().split(" ")[0] for c in attr.get("srcset", "").split(",")]
            self.images += [(url, lazy) for url in urls if url and not url.startswith("data:")]


def scan(html: str) -> PageScan:
    parser = PageScan()
    parser.feed(html)
    parser.close()
    return parser


def paths_under(links: list[str], prefix: str, base: str) -> list[str]:
    """Local paths of `links` that start with `prefix`, without fragments, deduplicated."""
    found: list[str] = []
    for link in links:
        path = local_path(link.split("#", 1)[0], base=base)
        if path and path.startswith(prefix) and path not in found:
            found.append(path)
    return found


@dataclass(frozen=True)
class Transfer:
    kind: str
    path: str
    status: int
    encoding: str
    sent: int  # body bytes on the wire
    raw: int  # body bytes once decoded


@dataclass
class FirstLoad:
    page: Transfer
    assets: list[Transfer] = field(default_factory=list)
    images: list[Transfer] = field(default_factory=list)
    lazy_images: int = 0
    skipped: list[str] = field(default_factory=list)  # off-server URLs, never fetched

    @property
    def total(self) -> int:
        return self.page.sent + sum(a.sent for a in self.assets)


def _transfer(kind: str, response: Response) -> Transfer:
    raw = len(response.decoded()) if response.status == 200 else 0
    return Transfer(kind, response.path, response.status, response.encoding, response.sent, raw)


def first_load(host: str, port: int, path: str) -> FirstLoad:
    """What a first visit to `path` downloads: the HTML, its CSS/JS/icons (and what the CSS
    pulls in with url() or @import), and separately the images the page shows."""
    page = fetch(host, port, path)
    doc = scan(page.text())
    result = FirstLoad(_transfer("html", page))
    seen = {page.path}

    def get(kind: str, url: str, base: str) -> Response | None:
        target = local_path(url, base=base)
        if target is None:
            result.skipped.append(url)
            return None
        if target in seen:
            return None
        seen.add(target)
        return fetch(host, port, target)

    for kind, url in doc.assets:
        response = get(kind, url, page.path)
        if response is None:
            continue
        result.assets.append(_transfer(kind, response))
        if kind == "stylesheet" and response.status == 200:
            for match in CSS_URL.finditer(response.text()):
                ref = match.group(1) or match.group(2)
                if ref.startswith("data:") or ref.startswith("#"):
                    continue
                nested = get("css ref", ref, response.path)
                if nested is not None:
                    result.assets.append(_transfer("css ref", nested))
    for url, lazy in doc.images:
        response = get("image", url, page.path)
        if response is not None:
            result.images.append(_transfer("image", response))
            result.lazy_images += lazy
    return result


def precache(host: str, port: int) -> list[Transfer]:
    """What the service worker downloads when it installs: itself and the shell it lists."""
    worker = fetch(host, port, "/sw.js")
    match = re.match(r"self\.SHELL = (\{.*?\});\n", worker.text())
    if match is None:
        raise BenchError("/sw.js does not start with its SHELL")
    shell = json.loads(match[1])
    files = [_transfer("worker", worker)]
    for url in [*shell["shell"], shell["offline"]]:
        files.append(_transfer("shell", fetch(host, port, url)))
    return files
