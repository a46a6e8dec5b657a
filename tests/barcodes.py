"""Barcodes drawn for tests: an EAN-13 as a picture, and as the video a fake camera plays."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

_L = ["0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011"]  # fmt: skip
_G = ["0100111", "0110011", "0011011", "0100001", "0011101",
      "0111001", "0000101", "0010001", "0001001", "0010111"]  # fmt: skip
_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]  # fmt: skip


def ean13_modules(code: str) -> str:
    """The 95 bars and spaces of an EAN-13, "1" for a bar."""
    assert len(code) == 13 and code.isdigit()
    first, left, right = int(code[0]), code[1:7], code[7:]
    table = {"L": _L, "G": _G}
    bars = "101"
    bars += "".join(table[p][int(d)] for p, d in zip(_PARITY[first], left, strict=True))
    bars += "01010"
    bars += "".join("".join("1" if b == "0" else "0" for b in _L[int(d)]) for d in right)
    return bars + "101"


def ean13_image(code: str, width: int = 640, height: int = 480, module: int = 4) -> Image.Image:
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    bars = ean13_modules(code)
    left, top = (width - len(bars) * module) // 2, height // 4
    for i, bar in enumerate(bars):
        if bar == "1":
            x = left + i * module
            pen.rectangle((x, top, x + module - 1, top + height // 2), fill=0)
    return image


def fake_camera_video(code: str, path: Path, frames: int = 10) -> Path:
    """A .y4m file (what Chromium's --use-file-for-fake-video-capture plays) showing the
    barcode: a grey Y plane and neutral colour planes, 4:2:0."""
    image = ean13_image(code)
    width, height = image.size
    neutral = bytes([128]) * ((width // 2) * (height // 2))
    frame = b"FRAME\n" + image.tobytes() + neutral + neutral
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * frames)
    return path
