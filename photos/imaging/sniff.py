"""Validation while the upload's request is open: size, type from content, pixel budget, all from
the header, without decoding pixels. ``open_image`` is shared with the renderer so a render
refuses exactly what an upload refuses."""

import io
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from PIL import ExifTags, Image, ImageFile, UnidentifiedImageError

from photos.errors import (
    CorruptImage,
    DecompressionBomb,
    FileTooLarge,
    TooManyPixels,
    UnsupportedFormat,
)

from .values import DEFAULT_LIMITS, MIME_TYPES, ImageInfo, Limits

Source = bytes | bytearray | memoryview | BinaryIO

# What Pillow may raise on hostile input, from its plugins and decoders.
PIL_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError,
              struct.error, zlib.error, ZeroDivisionError)

# Beyond DEFLATE's best ratio (~1032:1) even for 1-bit pixels: such a file declares far more
# pixels than it could honestly hold.
BOMB_PIXELS_PER_BYTE = 10_000

_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
)


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce, or None. Only a first filter: Pillow, restricted to
    that one format, then has to parse the header."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return next((fmt for magic, fmt in _SIGNATURES if head.startswith(magic)), None)


def _pixels(pixels: int) -> str:
    return f"{pixels:,} pixels"


@contextmanager
def opened(source: Source, limits: Limits) -> Iterator[tuple[BinaryIO, int]]:
    """A seekable binary file over ``source`` and its size in bytes, checked against the limit
    before any content is read. A caller's file gets its position back."""
    if isinstance(source, bytes | bytearray | memoryview):
        size = memoryview(source).nbytes
        _check_size(size, limits)
        yield io.BytesIO(source), size
        return
    if not (hasattr(source, "seekable") and source.seekable()):
        data = source.read(limits.max_bytes + 1)  # a stream: read no more than the limit allows
        _check_size(len(data), limits)
        yield io.BytesIO(data), len(data)
        return
    position = source.tell()
    try:
        source.seek(0, io.SEEK_END)
        size = source.tell()
        _check_size(size, limits)
        source.seek(0)
        yield source, size
    finally:
        source.seek(position)


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise FileTooLarge(f"The file is {size / 1048576:.1f} MB; the limit is "
                           f"{limits.max_bytes / 1048576:.1f} MB.", size=size,
                           limit=limits.max_bytes)
    if size == 0:
        raise UnsupportedFormat("The file is empty.")


def _orientation(im: Image.Image) -> int:
    # Image.getexif of the base class reads only what the header gave and never decodes (a PNG
    # eXIf chunk after the pixel data is ignored: finding it would mean decoding). It caches
    # that answer, so exif_transpose agrees with these dimensions when the image is decoded.
    try:
        value = Image.Image.getexif(im).get(ExifTags.Base.Orientation, 1)
    except PIL_ERRORS:  # a damaged EXIF block does not make a damaged picture
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _check_pixels(width: int, height: int, frames: int, byte_size: int, limits: Limits) -> None:
    pixels = width * height
    if pixels > limits.max_pixels:
        if pixels > byte_size * BOMB_PIXELS_PER_BYTE:
            raise DecompressionBomb(
                f"The image declares {width}x{height} pixels in {byte_size} bytes; it is "
                "refused as a decompression bomb.", width=width, height=height)
        raise TooManyPixels(f"The image is {width}x{height} ({_pixels(pixels)}); the limit "
                            f"is {_pixels(limits.max_pixels)}.", width=width, height=height)
    if pixels * frames > limits.max_pixels:
        raise TooManyPixels(
            f"The animation has {frames} frames of {width}x{height} "
            f"({_pixels(pixels * frames)} in all); the limit is "
            f"{_pixels(limits.max_pixels)}.", width=width, height=height, frames=frames)


@contextmanager
def open_image(fp: BinaryIO, byte_size: int,
               limits: Limits) -> Iterator[tuple[ImageFile.ImageFile, ImageInfo]]:
    """Identify and check the image in ``fp`` from its header; yield Pillow's still undecoded
    image with the facts."""
    fmt = sniff(fp.read(16))
    if fmt is None:
        raise UnsupportedFormat("The file is not a JPEG, PNG, GIF, BMP or WebP image.")
    # Pillow's own ceilings are far above ours: the client hears of ours, not of Pillow's text
    too_many = f"The image declares more pixels than the limit of {_pixels(limits.max_pixels)}."
    try:
        im = Image.open(fp, formats=[fmt])  # the real allowlist: only that plugin may parse
    except Image.DecompressionBombError as exc:
        raise DecompressionBomb(too_many) from exc
    except Image.DecompressionBombWarning as exc:  # only where warnings are errors (-W error)
        raise TooManyPixels(too_many) from exc
    except UnidentifiedImageError as exc:
        raise CorruptImage(f"The file starts like a {fmt} image but its header is damaged.") \
            from exc
    except PIL_ERRORS as exc:
        raise CorruptImage(f"The {fmt} header is damaged or truncated.") from exc
    with im:
        width, height = im.size
        if width <= 0 or height <= 0:
            raise CorruptImage(f"The {fmt} header declares an empty image.")
        _check_pixels(width, height, 1, byte_size, limits)
        if im.format == "MPO":  # camera JPEGs with a second picture (preview, stereo): one photo
            frames = 1
        else:
            try:
                frames = max(1, getattr(im, "n_frames", 1))  # GIF: walks blocks, no decoding
            except PIL_ERRORS as exc:
                raise CorruptImage(f"The {fmt} animation is damaged or truncated.") from exc
        _check_pixels(width, height, frames, byte_size, limits)
        if _orientation(im) >= 5:  # the transposing orientations show the image on its side
            width, height = height, width
        has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
        yield im, ImageInfo(format=fmt, mime=MIME_TYPES[fmt], width=width, height=height,
                            frames=frames, animated=frames > 1, has_alpha=has_alpha,
                            byte_size=byte_size)


def inspect(source: Source, limits: Limits = DEFAULT_LIMITS) -> ImageInfo:
    """Check an upload cheaply (no pixel decoding) and describe it.

    Raises FileTooLarge, UnsupportedFormat, TooManyPixels (DecompressionBomb), CorruptImage.
    """
    with opened(source, limits) as (fp, size):
        with open_image(fp, size, limits) as (_, info):
            pass
        if info.format == "PNG":
            _verify_png(fp)
        elif info.format == "JPEG":
            _verify_jpeg(fp, size)
        return info


def _verify_png(fp: BinaryIO) -> None:
    """Walk the PNG's chunks and their CRCs without inflating pixels: a file cut or damaged
    after its header is refused now, not after the upload was accepted."""
    fp.seek(0)
    try:
        with Image.open(fp, formats=["PNG"]) as im:
            im.verify()
    except PIL_ERRORS as exc:
        raise CorruptImage("The PNG file is truncated or its chunks are damaged.") from exc


# A JPEG marker as it can appear anywhere: 0xFF then a code that is neither a stuffed zero
# (0x00, inside entropy-coded data), TEM (0x01), a restart marker (RST0-7, 0xD0-0xD7, which
# sits between entropy-coded intervals of one scan) nor a fill byte (0xFF before a marker).
_JPEG_MARKER = re.compile(rb"\xff[\x02-\xcf\xd8-\xfe]")
_JPEG_SOS, _JPEG_EOI = 0xDA, 0xD9
_JPEG_CHUNK = 1024 * 1024


def _verify_jpeg(fp: BinaryIO, size: int) -> None:
    """Walk the JPEG from marker to marker without decoding: each segment is skipped by its
    length (so an EOI inside an EXIF thumbnail, in APP1, never counts), the entropy-coded data
    after each start of scan (SOS) is searched for the next marker. The file must reach an end
    of image (EOI) after at least one scan: a file cut anywhere before it is refused now, not
    after the upload was accepted. A progressive JPEG's later scans and tables are walked the
    same way; bytes after the EOI (an MPO's second picture, trailing data) are not looked at.

    Reads the file once, in chunks: memory stays flat whatever the file's size.
    """
    buffer, base = b"", 0  # buffer holds the file's bytes from offset ``base``

    def window(position: int, need: int) -> tuple[bytes, int]:
        nonlocal buffer, base
        if not base <= position <= position + need <= base + len(buffer):
            fp.seek(position)
            buffer, base = fp.read(max(need, _JPEG_CHUNK)), position
        return buffer, position - base

    position, scanned = 2, False  # after SOI, which sniff() has seen
    while True:
        data, offset = window(position, 2)
        match = _JPEG_MARKER.search(data, offset)
        if match is None:
            if base + len(data) >= size:
                raise CorruptImage("The JPEG file is truncated: it ends before its "
                                   "end-of-image marker.")
            # keep a last 0xFF, which may begin a marker that the next chunk ends
            kept = 1 if data.endswith(b"\xff") else 0
            position = max(position + 1, base + len(data) - kept)
            continue
        marker, code = base + match.start(), data[match.start() + 1]
        if code == _JPEG_EOI:
            if not scanned:
                raise CorruptImage("The JPEG file ends before any image data.")
            return
        data, offset = window(marker + 2, 2)
        if len(data) - offset < 2:
            raise CorruptImage("The JPEG file is truncated inside a segment header.")
        length = struct.unpack_from(">H", data, offset)[0]
        if length < 2 or marker + 2 + length > size:
            raise CorruptImage("The JPEG file is truncated: a segment runs past its end.")
        scanned = scanned or code == _JPEG_SOS
        position = marker + 2 + length
