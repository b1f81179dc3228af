"""The one piece of EXIF a losslessly cleaned original keeps: its orientation.

It is read exactly as the upload check reads it (``sniff._orientation``: Pillow's header EXIF,
then its XMP ``tiff:Orientation`` fallback), so the cleaned file displays at the width and height
that were reported for the upload, and written back as a TIFF structure holding that single tag
(36 bytes in a JPEG). Keeping the tag rather than turning the pixels keeps the image data byte
for byte: a lossless JPEG rotation rewrites every coefficient and is only exact when the sides
are whole MCUs."""

import io
import struct

from PIL import ExifTags, Image

from .sniff import PIL_ERRORS, _orientation

UPRIGHT = 1


class HeaderError(ValueError):
    """Pillow cannot read the header to find the orientation."""


def displayed_orientation(data: bytes, fmt: str) -> int:
    """The EXIF orientation (1-8) the upload check applied to ``data``, a ``fmt`` image."""
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as im:
            return _orientation(im)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, *PIL_ERRORS) as exc:
        raise HeaderError(f"the {fmt} header cannot be read: {exc}") from exc


def tiff_with_orientation(orientation: int) -> bytes:
    """A big-endian TIFF structure whose only IFD holds only the Orientation tag."""
    return (b"MM\x00\x2a" + struct.pack(">I", 8)  # header, IFD0 right after it
            + struct.pack(">H", 1)  # one entry: tag, type SHORT, count 1, value, padding
            + struct.pack(">HHIHH", ExifTags.Base.Orientation, 3, 1, orientation, 0)
            + struct.pack(">I", 0))  # no IFD1: no thumbnail
