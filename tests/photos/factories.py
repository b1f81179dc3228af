"""Images made in the tests (no binary fixtures) and waiting helpers."""

import io
import time

from PIL import Image


def jpeg_bytes(width=640, height=480, color=(200, 30, 30), exif=None, quality=90) -> bytes:
    image = Image.new("RGB", (width, height), color)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, "JPEG", quality=quality, **kwargs)
    return out.getvalue()


def jpeg_with_gps(width=400, height=300) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 29.0)
    return jpeg_bytes(width, height, exif=exif)


def png_bytes(width=300, height=200, mode="RGB", color=(20, 120, 220)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, "PNG")
    return out.getvalue()


def quadrants_png(size=400) -> bytes:
    """Top-left red, top-right green, bottom-left blue, bottom-right yellow."""
    image = Image.new("RGB", (size, size))
    half = size // 2
    for box, color in (((0, 0), (255, 0, 0)), ((half, 0), (0, 255, 0)),
                       ((0, half), (0, 0, 255)), ((half, half), (255, 255, 0))):
        image.paste(color, (*box, box[0] + half, box[1] + half))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def wait_for_status(photo, statuses=("ready", "failed"), timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        photo.refresh_from_db()
        if photo.status in statuses:
            return photo
        time.sleep(0.1)
    raise AssertionError(f"photo {photo.public_id} stayed {photo.status} for {timeout}s")
