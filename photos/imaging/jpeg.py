"""A JPEG original cleaned losslessly: the compressed picture byte for byte, no metadata.

``clean`` walks the markers from the start-of-image (SOI) to the first end-of-image (EOI) and
keeps:

- the frame, tables and scans byte for byte: SOFn, DQT, DHT, DAC (arithmetic coding), DRI, DNL,
  each SOS with its entropy-coded data (restart markers and all), to the EOI;
- APP0 ``JFIF``, cut to its 14 standard bytes (its optional thumbnail goes): for a 3-component
  frame it states that the data is YCbCr, and it carries the pixel density;
- APP14 ``Adobe``, cut to its 12 standard bytes: its transform flag tells RGB from YCbCr and
  CMYK from YCCK, without it a decoder may convert the colours wrongly;
- APP2 ``ICC_PROFILE``, every chunk in its order, when they form one whole profile (sequence
  numbers 1..n, each once, all saying n); otherwise decoders ignore them, and so do we;
- the orientation, as an APP1 EXIF segment holding only that tag (see ``orientation``).

and drops every other APPn (EXIF with GPS, thumbnails and maker notes, XMP, IPTC/Photoshop
APP13, MPF, FlashPix...), COM, anything between scans that is not a table, and anything after
the EOI (an MPO's second picture, trailing data, an appended ZIP or HTML). JFIF, Adobe and ICC
are only looked for before the first scan, where decoders read them.

A structure it cannot walk strictly (bytes between segments, a segment or scan that runs past the
end, a second SOI, a hierarchical or unknown marker) raises ``JpegStructureError``: the caller
re-encodes instead. One pass over the file, in C (``re``) over the entropy-coded data: that
search, about 1 GB/s, is most of the cost (about 4 ms for a 3 MB 10 MP photo, see
bench/clean_original.py); the output is one copy of what is kept.
"""

import re
import struct

from .orientation import UPRIGHT, HeaderError, displayed_orientation, tiff_with_orientation


class JpegStructureError(ValueError):
    """The marker structure cannot be walked."""


_SOI, _EOI, _SOS, _TEM = 0xD8, 0xD9, 0xDA, 0x01
_RST = range(0xD0, 0xD8)
_SOF = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))
_TABLES = frozenset((0xC4, 0xCC, 0xDB, 0xDC, 0xDD))  # DHT, DAC, DQT, DNL, DRI
_HIERARCHICAL = frozenset((0xDE, 0xDF))  # DHP, EXP: several frames, which no decoder here reads
_APP0, _APP2, _APP14, _COM = 0xE0, 0xE2, 0xEE, 0xFE
_APPN = range(0xE0, 0xF0)

_JFIF, _JFIF_LENGTH = b"JFIF\x00", 14  # id, version, units, X/Y density, thumbnail width, height
_ADOBE, _ADOBE_LENGTH = b"Adobe", 12  # id, version, flags0, flags1, transform
_ICC, _ICC_HEADER = b"ICC_PROFILE\x00", 14  # id, sequence number, number of chunks

# The marker that ends entropy-coded data: 0xFF then neither a stuffed zero, TEM, a restart
# marker (which sits between intervals of one scan) nor a fill byte (as in sniff.py).
_MARKER = re.compile(rb"\xff[\x02-\xcf\xd8-\xfe]")

Piece = tuple[int, int] | bytes  # a range of the input, or bytes of our own


def _segment(code: int, payload: bytes) -> bytes:
    return bytes((0xFF, code)) + struct.pack(">H", len(payload) + 2) + payload


def clean(data: bytes) -> bytes:
    """``data`` without the segments the picture does not need (see the module doc). A JPEG
    that has nothing to drop comes back as it is."""
    size = len(data)
    if data[:2] != b"\xff\xd8":
        raise JpegStructureError("not a JPEG: it does not start with a start-of-image marker")
    pieces: list[Piece] = [(0, 2)]
    exif_at = 1  # the orientation's APP1 goes after the SOI, or after a JFIF APP0 right there
    icc: list[tuple[int, int, int]] = []  # (index in pieces, sequence number, chunk count)
    framed = scanned = in_scan = False
    pos = 2
    while True:
        if in_scan:  # after a scan's header: its entropy-coded data runs to the next marker
            in_scan = False
            match = _MARKER.search(data, pos)
            if match is None:
                raise JpegStructureError("the JPEG ends inside its image data, before its "
                                         "end-of-image marker")
            pieces.append((pos, match.start()))
            pos = match.start()
        if pos >= size or data[pos] != 0xFF:
            raise JpegStructureError(f"no marker where one must be, at byte {pos}")
        while pos + 1 < size and data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos + 1 >= size:
            raise JpegStructureError("the JPEG ends inside a marker")
        code = data[pos + 1]
        if code == _EOI:
            if not scanned:
                raise JpegStructureError("the JPEG ends before any image data")
            pieces.append((pos, pos + 2))
            break
        if code in (_SOI, _TEM) or code in _RST:
            raise JpegStructureError(f"unexpected marker 0xFF{code:02X} at byte {pos}")
        if code in _HIERARCHICAL:
            raise JpegStructureError("hierarchical JPEG (several frames) is not supported")
        if pos + 4 > size:
            raise JpegStructureError("the JPEG ends inside a segment header")
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > size:
            raise JpegStructureError(f"the segment at byte {pos} runs past the end of the file")
        if code in _SOF:
            if framed:
                raise JpegStructureError("a second frame header (hierarchical JPEG)")
            framed = True
            pieces.append((pos, end))
        elif code == _SOS:
            if not framed:
                raise JpegStructureError("a scan before the frame header")
            scanned = in_scan = True
            pieces.append((pos, end))
        elif code in _TABLES:
            pieces.append((pos, end))
        elif code in _APPN or code == _COM:
            if not scanned:  # decoders read JFIF, Adobe and ICC only before the first scan
                kept = _application(data, code, pos, end)
                if kept is not None:
                    if code == _APP2:
                        icc.append((len(pieces), data[pos + 16], data[pos + 17]))
                    elif code == _APP0 and len(pieces) == 1:
                        exif_at = 2
                    pieces.append(kept)
        else:
            raise JpegStructureError(f"unknown marker 0xFF{code:02X} at byte {pos}")
        pos = end
    if icc and not _whole_profile([(n, count) for _, n, count in icc]):
        for index, _, _ in icc:
            pieces[index] = b""
    try:
        orientation = displayed_orientation(data, "JPEG")
    except HeaderError as exc:
        raise JpegStructureError(str(exc)) from exc
    if orientation != UPRIGHT:
        pieces.insert(exif_at, _segment(0xE1, b"Exif\x00\x00" + tiff_with_orientation(orientation)))
    return _join(data, pieces)


def _application(data: bytes, code: int, start: int, end: int) -> Piece | None:
    """What is kept of the APPn or COM segment at ``start``: its range, a shortened copy of it,
    or None."""
    payload = data[start + 4:end]
    if code == _APP0 and payload.startswith(_JFIF) and len(payload) >= _JFIF_LENGTH:
        if len(payload) == _JFIF_LENGTH and payload[12:14] == b"\x00\x00":
            return start, end
        return _segment(code, payload[:12] + b"\x00\x00")  # no thumbnail
    if code == _APP14 and payload.startswith(_ADOBE) and len(payload) >= _ADOBE_LENGTH:
        if len(payload) == _ADOBE_LENGTH:
            return start, end
        return _segment(code, payload[:_ADOBE_LENGTH])
    if code == _APP2 and payload.startswith(_ICC) and len(payload) > _ICC_HEADER:
        return start, end
    return None


def _whole_profile(chunks: list[tuple[int, int]]) -> bool:
    count = chunks[0][1]
    return (len(chunks) == count and all(n == count for _, n in chunks)
            and sorted(sequence for sequence, _ in chunks) == list(range(1, count + 1)))


def _join(data: bytes, pieces: list[Piece]) -> bytes:
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, tuple) and merged and isinstance(merged[-1], tuple) \
                and merged[-1][1] == piece[0]:
            merged[-1] = (merged[-1][0], piece[1])
        elif piece:
            merged.append(piece)
    if merged == [(0, len(data))]:
        return data
    view = memoryview(data)
    return b"".join(view[p[0]:p[1]] if isinstance(p, tuple) else p for p in merged)
