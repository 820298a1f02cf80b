"""Share cards: a 1200×630 PNG per page and language, for link previews (Open Graph, Twitter cards).

Drawn with Pillow in Noto Sans CJK (installed by the setup; the same font sets
English), found through fontconfig, never fetched. An image is cached by the
digest of what it shows and of the font files, so a rebuild writes the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from generator import cachefs
from generator.charts.fonts import FAMILY, digest, find
from generator.charts.fonts import tokens as _tokens

SIZE = (1200, 630)
BACKGROUND = (48, 63, 159)  # the site's indigo (Material primary, darker shade for contrast)
INK = (255, 255, 255)
SOFT = (220, 225, 245)
FOLDER = "share"


@cache
def fonts() -> tuple[tuple[str, int], tuple[str, int]]:
    """(file, face index) of the regular and the bold face."""
    regular, bold = find(FAMILY, "regular"), find(FAMILY, "bold")
    return (regular.path, regular.index), (bold.path, bold.index)


def _wrap(draw: object, text: str, font: object, width: int, lines: int) -> list[str]:
    """Break ``text`` into at most ``lines`` lines that fit ``width`` (between words, or between any two CJK characters)."""

    assert isinstance(draw, ImageDraw.ImageDraw) and isinstance(font, ImageFont.FreeTypeFont)
    out: list[str] = []
    line = ""
    tokens = _tokens(text)
    for token in tokens:
        trial = line + token
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            out.append(line.rstrip())
            line = token.lstrip()
    if line:
        out.append(line.rstrip())
    if len(out) > lines:
        out = out[:lines]
        while out[-1] and draw.textlength(out[-1] + "…", font=font) > width:
            out[-1] = out[-1][:-1]
        out[-1] += "…"
    return out


def render(kicker: str, title: str, subtitle: str, footer: str) -> bytes:
    """The PNG of one share card."""

    (regular, r_index), (bold, b_index) = fonts()
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    width = SIZE[0] - 2 * margin
    small = ImageFont.truetype(regular, 30, index=r_index)
    big = ImageFont.truetype(bold, 64, index=b_index)
    body = ImageFont.truetype(regular, 34, index=r_index)
    y = margin
    for line in _wrap(draw, kicker, small, width, 1):
        draw.text((margin, y), line, font=small, fill=SOFT)
        y += 48
    y += 24
    for line in _wrap(draw, title, big, width, 3):
        draw.text((margin, y), line, font=big, fill=INK)
        y += 84
    y += 12
    for line in _wrap(draw, subtitle, body, width, max(1, (SIZE[1] - margin - 60 - y) // 50)):
        draw.text((margin, y), line, font=body, fill=SOFT)
        y += 50
    draw.rectangle((0, SIZE[1] - 10, SIZE[0], SIZE[1]), fill=SOFT)
    for line in _wrap(draw, footer, small, width, 1):
        draw.text((margin, SIZE[1] - margin - 20), line, font=small, fill=SOFT)
    out = io.BytesIO()
    image.save(out, format="PNG")  # zlib's default level: optimize=True wrote 2% fewer bytes in 3x the time (85 of 100 ms a card)
    return out.getvalue()


def card(cache_dir: Path, kicker: str, title: str, subtitle: str, footer: str) -> bytes:
    """The share card's PNG, from the cache when the same card was drawn before with the same fonts."""
    (regular, _), (bold, _) = fonts()
    key = json.dumps([kicker, title, subtitle, footer, SIZE, BACKGROUND, digest(regular), digest(bold), 2], ensure_ascii=False)
    path = cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.png"
    data = cachefs.get(path)
    if data is None:
        data = render(kicker, title, subtitle, footer)
        cachefs.put(path, data)
    return data
