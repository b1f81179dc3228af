"""The small values the pipeline takes and returns (no Pillow, no Django)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """An image format the engine reads: Pillow's name for it, its MIME type, the extension of
    its stored files and the other names an API may call it by (Zoho lists "JPG" too)."""

    name: str
    mime: str
    extension: str
    aliases: tuple[str, ...] = ()


# every format the engine reads, in its order; an API accepts a subset, named once in its dialect
FORMATS = {fmt.name: fmt for fmt in (
    Format("JPEG", "image/jpeg", "jpg", aliases=("JPG",)),
    Format("PNG", "image/png", "png"),
    Format("GIF", "image/gif", "gif"),
    Format("BMP", "image/bmp", "bmp"),
    Format("WEBP", "image/webp", "webp"),
)}
MIME_TYPES = {name: fmt.mime for name, fmt in FORMATS.items()}


def mime_types(names) -> frozenset[str]:
    """The MIME types of the formats ``names`` (the engine's names: ``"JPEG"``, ``"PNG"``...);
    a name the engine does not know is a KeyError, at import of the dialect naming it."""
    return frozenset(FORMATS[name].mime for name in names)


def names_with_aliases(names) -> list[str]:
    """``names`` with each format's aliases after it (``JPEG, JPG``), as an API lists them."""
    return [alias for name in names for alias in (name, *FORMATS[name].aliases)]


@dataclass(frozen=True)
class Limits:
    """What one caller accepts; the defaults suit a photo upload, bigger callers pass their own."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 10_000_000

    def at_most(self, other: "Limits") -> "Limits":
        """Each limit no larger than ``other``'s (the smaller of the two)."""
        return Limits(max_bytes=min(self.max_bytes, other.max_bytes),
                      max_pixels=min(self.max_pixels, other.max_pixels))


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
