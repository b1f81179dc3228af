"""Encoding for delivery: JPEG for photos, PNG where transparency matters, and no metadata at all
(no EXIF, GPS, ICC, XMP or comments; the pixels are sRGB, which is what untagged means)."""

import io

from PIL import Image

JPEG_QUALITY = 85
# Progressive JPEG (which implies optimized Huffman tables) shows early and, measured on photos
# at quality 85, is 2-4 % smaller from about 180x120 up but larger at 100x100 and below, where a
# baseline optimized JPEG is also 2-3 times cheaper to encode.
PROGRESSIVE_MIN_PIXELS = 128 * 128


def output_format(transparent: bool) -> str:
    return "PNG" if transparent else "JPEG"


def encode(im: Image.Image, fmt: str) -> bytes:
    """``im`` (L, LA, RGB or RGBA; its info is dropped) as JPEG or PNG bytes."""
    im.info = {}  # Pillow's savers fall back on im.info for ICC, comments, transparency, dpi
    out = io.BytesIO()
    if fmt == "JPEG":
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True,
                progressive=im.width * im.height >= PROGRESSIVE_MIN_PIXELS)
    elif fmt == "PNG":
        im.save(out, "PNG", compress_level=6)
    else:
        raise ValueError(f"cannot encode {fmt}")
    return out.getvalue()
