"""The small values the pipeline takes and returns (no Pillow, no Django)."""

from dataclasses import dataclass

MIME_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "WEBP": "image/webp",
}


@dataclass(frozen=True)
class Limits:
    """What one caller accepts; the defaults suit a photo upload, bigger callers pass their own."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 10_000_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class ImageInfo:
    """Facts read from the header. ``width``/``height`` are as displayed (EXIF orientation
    applied); ``frames`` counts animation frames (1 for a still image)."""

    format: str
    mime: str
    width: int
    height: int
    frames: int
    animated: bool
    has_alpha: bool
    byte_size: int


@dataclass(frozen=True)
class Crop:
    """A square in pixels of the oriented image (as displayed), top-left origin."""

    x: int
    y: int
    size: int


@dataclass
class Rendered:
    """One encoded rendition."""

    spec: str
    data: bytes
    format: str
    mime: str
    width: int
    height: int
