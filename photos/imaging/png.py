"""A PNG original cleaned losslessly: the compressed picture byte for byte, no metadata.

``clean`` walks the chunks from the signature to the first ``IEND`` and keeps, byte for byte and
in their order:

- the critical chunks: ``IHDR``, ``PLTE``, every ``IDAT``, ``IEND``;
- the chunks that say how to show the pixels, the PNG specification's colour space group and
  transparency: ``tRNS``, ``gAMA``, ``cHRM``, ``sRGB``, ``iCCP``, ``sBIT``, and the HDR ones of
  its third edition ``cICP``, ``mDCV``, ``cLLI``; and ``pHYs`` (pixel aspect and print size, as a
  JPEG keeps its JFIF density). None of them can hold free text but ``iCCP``'s profile name.
- an APNG's animation, ``acTL``, ``fcTL``, ``fdAT``: the original is the upload, and an animated
  GIF keeps its frames too (the upload check counted the frames in the pixel budget);
- the orientation, as an ``eXIf`` chunk holding only that tag (see ``orientation``), before the
  first ``IDAT``, where readers look for it.

and drops text (``tEXt``, ``zTXt``, ``iTXt``: comments, XMP), ``tIME``, ``eXIf`` (GPS...),
every other ancillary chunk (``bKGD``, ``hIST``, private chunks...) and anything after ``IEND``
(trailing data, an appended ZIP or HTML). A fixed-size chunk of the wrong size is dropped, as
decoders ignore it.

The CRC of every kept chunk is checked here, although the upload check (Pillow's ``verify``)
checked them all: the output keeps the CRCs as they are, and a file stored before that check
existed must not be served with a damaged chunk. That costs one ``zlib.crc32`` pass (about 5 ms
for a 10 MB PNG). A structure it cannot walk (a chunk past the end, a bad CRC, no ``IHDR``
first, an unknown critical chunk, no ``IEND``) raises ``PngStructureError``: the caller
re-encodes instead.
"""

import struct
import zlib

from .orientation import UPRIGHT, HeaderError, displayed_orientation, tiff_with_orientation


class PngStructureError(ValueError):
    """The chunk structure cannot be walked."""


SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_LENGTH = 2**31 - 1  # the specification's limit on a chunk's length

# chunk type -> the data length it must have (None: any)
_KEPT: dict[bytes, int | None] = {
    b"IHDR": 13, b"PLTE": None, b"IDAT": None, b"IEND": 0,
    b"tRNS": None, b"gAMA": 4, b"cHRM": 32, b"sRGB": 1, b"iCCP": None, b"sBIT": None,
    b"cICP": 4, b"mDCV": 24, b"cLLI": 8, b"pHYs": 9,
    b"acTL": 8, b"fcTL": 26, b"fdAT": None,
}


def chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload)))


def clean(data: bytes) -> bytes:
    """``data`` without the chunks the picture does not need (see the module doc). A PNG that
    has nothing to drop comes back as it is."""
    size = len(data)
    if not data.startswith(SIGNATURE):
        raise PngStructureError("not a PNG: it does not start with the PNG signature")
    view = memoryview(data)
    kept: list[tuple[int, int]] = [(0, len(SIGNATURE))]
    first_idat = None
    pos = len(SIGNATURE)
    while True:
        if pos + 8 > size:
            raise PngStructureError("the PNG ends before its IEND chunk")
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if length > _MAX_LENGTH or end > size:
            raise PngStructureError(f"the {kind!r} chunk at byte {pos} runs past the end")
        if not kind.isalpha():
            raise PngStructureError(f"no chunk type at byte {pos}")
        if (pos == len(SIGNATURE)) != (kind == b"IHDR"):
            raise PngStructureError("IHDR is not the first chunk, or not the only one")
        critical = not kind[0] & 0x20  # the case of the first letter says it
        wanted = _KEPT.get(kind, -1)
        if wanted is None or wanted == length:
            crc = int.from_bytes(data[end - 4:end], "big")
            if zlib.crc32(view[pos + 4:end - 4]) != crc:
                raise PngStructureError(f"the {kind.decode()} chunk at byte {pos} is damaged "
                                        "(bad CRC)")
            if kind == b"IDAT" and first_idat is None:
                first_idat = len(kept)
            if kind == b"IEND" and first_idat is None:
                raise PngStructureError("the PNG has no image data")
            kept.append((pos, end))
            if kind == b"IEND":
                break
        elif critical:
            raise PngStructureError(f"a critical chunk this cleaner does not know or of a wrong "
                                    f"size: {kind!r}")
        pos = end
    try:
        orientation = displayed_orientation(data, "PNG")
    except HeaderError as exc:
        raise PngStructureError(str(exc)) from exc
    pieces: list[memoryview | bytes] = [view[a:b] for a, b in kept]
    if orientation != UPRIGHT:
        pieces.insert(first_idat, chunk(b"eXIf", tiff_with_orientation(orientation)))
    elif all(a[1] == b[0] for a, b in zip(kept, kept[1:])) and kept[-1][1] == size:
        return data
    return b"".join(pieces)
