"""Images made in the tests (no binary fixtures)."""

import io

from PIL import Image


def encoded(fmt: str, width=120, height=80, color=(200, 40, 40), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, fmt)
    return out.getvalue()


def png(width=120, height=80, color=(20, 120, 220)) -> bytes:
    return encoded("PNG", width, height, color)


def jpeg(width=120, height=80, color=(200, 40, 40)) -> bytes:
    return encoded("JPEG", width, height, color)


def gif(width=60, height=40) -> bytes:
    return encoded("GIF", width, height, 3, mode="P")


def bmp(width=50, height=30) -> bytes:
    return encoded("BMP", width, height)


def webp(width=60, height=40) -> bytes:
    return encoded("WEBP", width, height)


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
