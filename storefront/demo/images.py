"""Demo product images: small SVG silhouettes in the variant's colour on a soft gradient."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from storefront.demo.catalog_data import ImageSpec

WHITE_LINE = 'fill="none" stroke="#fff" stroke-opacity=".8"'
LINE = 'fill="none" stroke="currentColor" stroke-opacity="1"'
SHINE = 'fill="#fff" opacity=".35"'
LACES = f'<path d="M72 92l10 7M84 86l10 7M96 82l10 7" {WHITE_LINE}/>'
SOLE = '<path d="M26 140h150v6a7 7 0 0 1-7 7H33a7 7 0 0 1-7-7z" fill="#f4f4f2"/>'
SHAPES = {
    "shoe": '<path d="M28 140c1-22 9-40 22-48l20-10c6 10 20 14 32 12l12-4c12 16 32 24 54 28 '
    '9 2 11 12 8 22z"/>' + LACES + SOLE,
    "boot": '<path d="M50 38h46v62c16 8 38 14 60 20 10 3 14 10 12 20H46z"/>'
    f'<path d="M60 52h28M60 66h28M60 80h28" {WHITE_LINE}/>' + SOLE,
    "jacket": '<path d="M72 36l28 10 28-10 36 26-14 38-14-8v82H64V92l-14 8-14-38z"/>'
    f'<path d="M100 48v116" {WHITE_LINE}/>',
    "tshirt": '<path d="M70 40l30 8 30-8 38 24-14 28-18-10v86H64V82l-18 10-14-28z"/>'
    f'<path d="M86 44c4 10 24 10 28 0" {WHITE_LINE}/>',
    "tights": '<path d="M68 32h64l10 136h-30l-12-92-12 92H58z"/>',
    "cap": '<path d="M46 122c0-40 24-62 54-62s54 22 54 62z"/>'
    '<path d="M124 116h52c0 9-6 16-16 16h-36z"/><circle cx="100" cy="58" r="5"/>',
    "backpack": '<rect x="56" y="46" width="88" height="122" rx="28"/>'
    f'<rect x="70" y="114" width="60" height="38" rx="10" {SHINE}/>'
    f'<path d="M82 46c0-20 36-20 36 0" stroke-width="7" {LINE}/>',
    "tent": '<path d="M16 162L100 42l84 120z"/>'
    f'<path d="M100 66l-28 96h56z" {SHINE}/><path d="M100 42V26" stroke-width="4" {LINE}/>',
    "sleepingbag": '<path d="M62 40c0-10 76-10 76 0l-4 128c0 8-68 8-68 0z"/>'
    f'<ellipse cx="100" cy="58" rx="24" ry="14" {SHINE}/>',
    "headlamp": f'<ellipse cx="100" cy="96" rx="64" ry="40" stroke-width="12" {LINE}/>'
    '<rect x="74" y="110" width="52" height="38" rx="10"/>'
    '<circle cx="100" cy="129" r="12" fill="#fff"/>',
    "bike": f'<g stroke-width="7" {LINE}><circle cx="50" cy="128" r="32"/>'
    '<circle cx="150" cy="128" r="32"/>'
    '<path d="M50 128l32-52h50l18 52M82 76l18 52 32-52M92 64h22M132 76l-6-20h18"/></g>',
    "helmet": '<path d="M34 132c0-52 30-80 66-80s66 28 66 80z"/>'
    f'<path d="M62 96h76M74 74h52" stroke-width="6" {WHITE_LINE}/>',
    "swimsuit": '<path d="M70 32h14c4 22 28 22 32 0h14l-4 62c8 20 14 44 14 72h-26'
    'c-6-22-12-30-14-30s-8 8-14 30H56c0-28 6-52 14-72z"/>',
    "goggles": '<path d="M20 100h30M150 100h30" stroke="#3b3b3b" stroke-opacity="1" '
    'stroke-width="8"/><rect x="46" y="78" width="50" height="44" rx="18"/>'
    '<rect x="104" y="78" width="50" height="44" rx="18"/>'
    f'<path d="M56 90h18M114 90h18" stroke-width="5" {WHITE_LINE}/>',
    "skis": '<g transform="rotate(-32 100 100)"><rect x="72" y="12" width="20" height="176" '
    'rx="10"/><rect x="108" y="12" width="20" height="176" rx="10"/></g>',
    "dumbbell": '<rect x="52" y="93" width="96" height="14" rx="7" fill="#5b5b5b"/>'
    '<rect x="36" y="62" width="24" height="76" rx="6"/>'
    '<rect x="140" y="62" width="24" height="76" rx="6"/>'
    '<rect x="22" y="76" width="16" height="48" rx="5"/>'
    '<rect x="162" y="76" width="16" height="48" rx="5"/>',
    "mat": '<rect x="34" y="70" width="116" height="60" rx="4"/>'
    '<ellipse cx="150" cy="100" rx="16" ry="30"/>'
    f'<ellipse cx="150" cy="100" rx="7" ry="14" {SHINE}/>',
    "ball": '<circle cx="100" cy="100" r="62"/>'
    '<path d="M100 76l23 17-9 27H86l-9-27z" fill="#2b2b2b"/>'
    '<path d="M100 38v38M123 93l35-10M114 120l20 30M86 120l-20 30M77 93l-35-10" '
    'fill="none" stroke="#2b2b2b" stroke-opacity="1"/>',
}
TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="400" height="400">'
    '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" '
    'stop-color="{light}"/><stop offset="1" stop-color="{mid}"/></linearGradient></defs>'
    '<rect width="200" height="200" fill="url(#g)"/>'
    '<circle cx="{cx}" cy="{cy}" r="{r}" fill="#fff" opacity=".3"/>'
    '<ellipse cx="100" cy="174" rx="64" ry="7" fill="#000" opacity=".08"/>'
    '<g fill="{colour}" color="{colour}" stroke="#000" stroke-opacity=".22" stroke-width="2" '
    'stroke-linejoin="round" stroke-linecap="round">{shape}</g></svg>'
)


def render(spec: ImageSpec) -> str:
    """The SVG for one product colour (about 1 KB): background tinted by the colour itself,
    a light disc placed per product so neighbouring tiles do not look stamped."""
    rng = random.Random(spec.seed)
    light, mid = _background(spec.colour)
    return TEMPLATE.format(
        light=light,
        mid=mid,
        cx=rng.randint(40, 160),
        cy=rng.randint(30, 90),
        r=rng.randint(36, 70),
        colour=spec.colour,
        shape=SHAPES[spec.shape],
    )


def write_images(media_root: Path, specs: Iterable[ImageSpec]) -> int:
    """Write each image under ``media_root``; files already there as-is are left alone, so a
    second load writes nothing. Returns how many files were written."""
    written = 0
    for spec in specs:
        path = media_root / spec.path
        svg = render(spec)
        if path.exists() and path.read_text(encoding="utf-8") == svg:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        written += 1
    return written


def _background(colour: str) -> tuple[str, str]:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 200:  # white, sand: a cool grey instead
        return "#eef2f6", "#cfd8e2"
    return _mix((red, green, blue), 0.88), _mix((red, green, blue), 0.7)


def _mix(rgb: tuple[int, int, int], white: float) -> str:
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)
