"""Honest stand-ins for the binary files that the seeds do not include.

Each is a real, valid file made by code, and says on its face what it stands for
and that it is a sample. Pillow writes both the images and the PDFs. Its built-in
font has Latin glyphs only, so the text on a stand-in is in English or French.
"""

import functools
import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

A4_AT_144_DPI = (1190, 1684)
NOTICE = "Sample file made by the Legacy Portal. It stands in for the original document."


def _font(size):
    return ImageFont.load_default(size=size)


def _draw_lines(draw, lines, *, x, y, size, width_chars, fill, gap=1.35):
    font = _font(size)
    for line in lines:
        for part in textwrap.wrap(line, width_chars) or [""]:
            draw.text((x, y), part, font=font, fill=fill)
            y += int(size * gap)
    return y


def _made_once(make):
    """The same arguments make the same bytes: drawing and encoding them takes the loader
    most of its time, so a process that loads the content again (the tests) reuses them."""
    cached = functools.lru_cache(maxsize=256)(make)

    @functools.wraps(make)
    def wrapper(title, lines=(), **options):
        return cached(title, tuple(lines), **options)

    return wrapper


@_made_once
def standin_pdf(title, lines=(), *, pages=2, accent="#0b3a6e"):
    """A PDF of `pages` A4 pages: a cover naming what it stands for, then numbered pages."""
    images = []
    for number in range(1, pages + 1):
        page = Image.new("RGB", A4_AT_144_DPI, "white")
        draw = ImageDraw.Draw(page)
        draw.rectangle([0, 0, A4_AT_144_DPI[0], 40], fill=accent)
        if number == 1:
            y = _draw_lines(draw, [title], x=90, y=200, size=64, width_chars=28, fill="black")
            y = _draw_lines(draw, list(lines), x=90, y=y + 60, size=36, width_chars=50, fill="#333333")
            _draw_lines(draw, [NOTICE], x=90, y=max(y + 80, 1300), size=30, width_chars=58, fill="#b3261e")
        else:
            _draw_lines(
                draw,
                [title, f"Page {number} of {pages}", NOTICE],
                x=90,
                y=200,
                size=36,
                width_chars=50,
                fill="#333333",
            )
        images.append(page)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=144, title=title)
    return buffer.getvalue()


@_made_once
def standin_image(title, lines=(), *, size=(1200, 800), accent="#0b3a6e", image_format="PNG"):
    """A PNG or JPEG image that names what it stands for."""
    image = Image.new("RGB", size, accent)
    draw = ImageDraw.Draw(image)
    margin = size[0] // 15
    draw.rectangle([margin // 2, margin // 2, size[0] - margin // 2, size[1] - margin // 2], fill="white")
    scale = size[0] / 1200
    y = _draw_lines(draw, [title], x=margin, y=margin, size=int(56 * scale), width_chars=32, fill="black")
    y = _draw_lines(
        draw,
        list(lines),
        x=margin,
        y=y + int(30 * scale),
        size=int(34 * scale),
        width_chars=52,
        fill="#333333",
    )
    _draw_lines(
        draw,
        ["Sample image made by the Legacy Portal; it stands in for the original."],
        x=margin,
        y=size[1] - margin - int(40 * scale),
        size=int(28 * scale),
        width_chars=70,
        fill="#b3261e",
    )
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **({"quality": 85} if image_format == "JPEG" else {}))
    return buffer.getvalue()
