"""An animated GIF is delivered as uploaded (re-encoding animations with Pillow loses timing and
palette subtleties). What the picture does not need goes: comments (a GIF/HTML polyglot hides
its HTML there), plain-text and application extensions other than looping (XMP metadata, ICC)
and anything after the trailer. A GIF without any of these comes back byte for byte."""

_GRAPHIC_CONTROL, _COMMENT, _PLAIN_TEXT, _APPLICATION = 0xF9, 0xFE, 0x01, 0xFF
_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


class GifStructureError(ValueError):
    """The block structure is broken."""


def _colour_table_size(packed: int) -> int:
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    while True:
        if pos >= len(data):
            raise GifStructureError("the GIF ends inside a data block")
        length = data[pos]
        pos += 1 + length
        if length == 0:
            return pos


def clean(data: bytes) -> bytes:
    """``data`` without the blocks the picture does not need (see the module doc)."""
    if len(data) < 13 or data[:6] not in (b"GIF87a", b"GIF89a"):
        raise GifStructureError("not a GIF")
    pos = 13 + _colour_table_size(data[10])
    if pos > len(data):
        raise GifStructureError("the GIF ends inside its colour table")
    keep = [(0, pos)]
    while pos < len(data):
        start, introducer = pos, data[pos]
        if introducer == 0x3B:  # trailer: the end, whatever follows
            keep.append((pos, pos + 1))
            break
        if introducer == 0x21:  # extension
            if pos + 2 > len(data):
                raise GifStructureError("the GIF ends inside an extension")
            label = data[pos + 1]
            pos = _skip_sub_blocks(data, pos + 2)
            application = data[start + 3:start + 14] if label == _APPLICATION else b""
            if label == _GRAPHIC_CONTROL or application in _LOOPING:
                keep.append((start, pos))
        elif introducer == 0x2C:  # image: descriptor, local colour table, LZW code size, data
            if pos + 11 > len(data):
                raise GifStructureError("the GIF ends inside an image descriptor")
            pos = _skip_sub_blocks(data, pos + 10 + _colour_table_size(data[pos + 9]) + 1)
            keep.append((start, pos))
        else:
            raise GifStructureError(f"unknown GIF block 0x{introducer:02x} at byte {pos}")
    kept = b"".join(data[a:b] for a, b in _merge(keep))
    return data if kept == data else kept


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and merged[-1][1] == a:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
