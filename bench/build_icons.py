"""Draw the app's PNG icons from the logo (static/img/icon.svg): 192 and 512 px, plain and
maskable (the mark inside the central 80% safe zone, on a full-bleed background).

    .venv/bin/python bench/build_icons.py   # writes static/img/icons/*.png
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = "#0f5c4d"
MARK = [(5, 25), (13, 10), (17.5, 18), (20, 14), (27, 25)]  # the logo's path, in a 32 grid
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"
SUPERSAMPLE = 4


def draw(size: int, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=GREEN)
        scale, offset = big * 0.62 / 32, big * 0.19  # the mark stays well inside the safe zone
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 7 / 32, fill=GREEN)
        scale, offset = big / 32, 0.0
    pen.polygon([(offset + x * scale, offset + y * scale) for x, y in MARK], fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        for maskable in (False, True):
            name = f"{'maskable' if maskable else 'icon'}-{size}.png"
            draw(size, maskable).save(OUT / name, optimize=True)
            print(OUT / name)


if __name__ == "__main__":
    main()
