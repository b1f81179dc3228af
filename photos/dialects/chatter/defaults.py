"""The default photos a group or a user shows until it has one of its own.

Drawn with Pillow when the module is imported (``PhotosConfig.ready``), before any request: a
silhouette on a flat background, at the size of each Chatter rendition, kept in memory (a few
kilobytes, never user content). A GET only hands out bytes drawn already.
"""

import io

from PIL import Image, ImageDraw

# size letter -> (width, height): the sizes of chatter_large, chatter_medium and chatter_small
SIZES = {"F": (200, 200), "M": (160, 160), "T": (64, 64)}
BACKGROUND = {"user": (193, 206, 222), "group": (176, 199, 171)}
FIGURE = (247, 249, 251)
MIME_TYPE = "image/png"


def default_photo(kind: str, size: str) -> bytes:
    """PNG bytes of the default photo of ``kind`` ("user" or "group") at ``size`` (F, M, T)."""
    return PHOTOS[kind, size]


def _draw(kind: str, size: str) -> bytes:
    width, height = SIZES[size]
    image = Image.new("RGB", (width, height), BACKGROUND[kind])
    draw = ImageDraw.Draw(image)
    people = [(0.5, 1.0)] if kind == "user" else [(0.24, 0.62), (0.76, 0.62), (0.5, 0.85)]
    outline = BACKGROUND[kind]
    for centre, scale in sorted(people, key=lambda p: p[1]):  # the front figure last
        _person(draw, width * centre, width, height, scale, outline)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _person(draw, x: float, width: int, height: int, scale: float, outline) -> None:
    line = max(1, width // 50)  # separates overlapping figures
    head = 0.16 * width * scale
    head_y = height * (0.62 - 0.22 * scale)
    draw.ellipse((x - head, head_y - head, x + head, head_y + head), fill=FIGURE,
                 outline=outline, width=line)
    shoulders = 0.34 * width * scale
    top = head_y + head * 1.25
    draw.ellipse((x - shoulders, top, x + shoulders, top + 2 * shoulders), fill=FIGURE,
                 outline=outline, width=line)


PHOTOS = {(kind, size): _draw(kind, size) for kind in BACKGROUND for size in SIZES}
