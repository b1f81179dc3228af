"""The one image factory of the tests: images generated in memory (no binary fixtures), ordinary
ones and a hostile corpus, and the readers of what a response served.

Bytes of a plain image: ``image_bytes(width, height, color, format)`` and its shortcuts
``jpeg_bytes`` / ``png_bytes``. Images built first (``solid``, ``quadrants``...) are encoded with
``encode`` / ``jpeg`` / ``png`` / ``gif``. EXIF blocks (orientation, GPS, a camera's thumbnail)
come from ``exif`` and ``camera_exif``.
"""

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageOps

RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
WHITE, BLACK, GREY = (255, 255, 255), (0, 0, 0), (128, 128, 128)


# --- plain images, as bytes ---------------------------------------------------------------------
def image_bytes(width=300, height=200, color=(20, 120, 220), format="PNG", mode="RGB",
                **params) -> bytes:
    """One ``mode`` image of one ``color``, saved as ``format`` (PNG, JPEG, GIF, BMP, WEBP...)
    with Pillow's ``params`` (``quality=``, ``exif=``...)."""
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, format, **params)
    return out.getvalue()


def jpeg_bytes(width=640, height=480, color=(200, 30, 30), exif=None, quality=90) -> bytes:
    params = {"exif": exif} if exif is not None else {}
    return image_bytes(width, height, color, "JPEG", quality=quality, **params)


def png_bytes(width=300, height=200, color=(20, 120, 220), mode="RGB") -> bytes:
    return image_bytes(width, height, color, "PNG", mode=mode)


def jpeg_with_gps(width=400, height=300) -> bytes:
    """A JPEG whose EXIF names a camera ("SpyCam") and holds a latitude."""
    data = Image.Exif()
    data[ExifTags.Base.Make] = "SpyCam"
    gps = data.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (48.0, 51.0, 29.0)
    return jpeg_bytes(width, height, exif=data)


def corner_target_png(size=300, square=120) -> bytes:
    """Grey, except a ``square`` at the top-left split in four: red, green / blue, yellow."""
    image = Image.new("RGB", (size, size), GREY)
    half = square // 2
    for (x, y), color in (((0, 0), RED), ((half, 0), GREEN), ((0, half), BLUE),
                          ((half, half), YELLOW)):
        image.paste(color, (x, y, x + half, y + half))
    return png(image)


# --- images built first, then encoded -----------------------------------------------------------
def encode(im: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **params)
    return out.getvalue()


def solid(size, colour=RED, mode="RGB") -> Image.Image:
    return Image.new(mode, size, colour)


def quadrants(width: int, height: int, colours=(RED, GREEN, BLUE, YELLOW)) -> Image.Image:
    """Top-left, top-right, bottom-left, bottom-right in ``colours``."""
    im = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    for (x, y), colour in zip(((0, 0), (half_w, 0), (0, half_h), (half_w, half_h)), colours,
                              strict=True):
        im.paste(colour, (x, y, x + half_w if x == 0 else width, y + half_h if y == 0 else height))
    return im


def exif(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    data = Image.Exif()
    data[ExifTags.Base.Make] = "TestCam"
    if orientation:
        data[ExifTags.Base.Orientation] = orientation
    if gps:
        ifd = data.get_ifd(ExifTags.IFD.GPSInfo)
        ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        ifd[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
        ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        ifd[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 3.0)
    return data


def camera_exif(orientation: int | None, thumbnail: bytes, gps: bool = True) -> bytes:
    """An EXIF block as a camera writes it, for ``exif=``: IFD0 (make, orientation, GPS) and
    IFD1 pointing at ``thumbnail``, a whole JPEG that follows it."""
    tiff = bytearray(exif(orientation, gps).tobytes()[6:])  # Pillow's, without "Exif\0\0"
    order = "<" if tiff[:2] == b"II" else ">"
    entries = struct.unpack_from(order + "H", tiff, 8)[0]
    ifd1 = len(tiff)
    struct.pack_into(order + "I", tiff, 10 + 12 * entries, ifd1)  # IFD0's next IFD is IFD1
    thumb_offset = ifd1 + 2 + 2 * 12 + 4
    tiff += (struct.pack(order + "H", 2)
             + struct.pack(order + "HHII", 0x0201, 4, 1, thumb_offset)  # JPEGInterchangeFormat
             + struct.pack(order + "HHII", 0x0202, 4, 1, len(thumbnail))  # ...Length
             + struct.pack(order + "I", 0) + thumbnail)
    return b"Exif\x00\x00" + bytes(tiff)


def jpeg(im: Image.Image, quality: int = 95, **params) -> bytes:
    return encode(im, "JPEG", quality=quality, **params)


def jpeg_with_exif_thumbnail(im: Image.Image, thumbnail: Image.Image) -> bytes:
    """A JPEG whose APP1 (EXIF) segment holds a whole JPEG thumbnail, as cameras write it: IFD1
    points at the thumbnail's bytes (JPEGInterchangeFormat), SOI to EOI included."""
    thumb = jpeg(thumbnail, quality=80)
    # little-endian TIFF: header, IFD0 with no entry, then IFD1 with the thumbnail's offset and
    # length; the thumbnail follows IFD1
    ifd1_offset = 8 + 2 + 4
    thumb_offset = ifd1_offset + 2 + 2 * 12 + 4
    tiff = (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<HI", 0, ifd1_offset)
            + struct.pack("<H", 2)
            + struct.pack("<HHII", 0x0201, 4, 1, thumb_offset)
            + struct.pack("<HHII", 0x0202, 4, 1, len(thumb))
            + struct.pack("<I", 0) + thumb)
    payload = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    main = jpeg(im)
    return main[:2] + app1 + main[2:]


def png(im: Image.Image, **params) -> bytes:
    return encode(im, "PNG", **params)


# --- PNG crafted chunk by chunk ----------------------------------------------------------------
def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_raw(width: int, height: int, bit_depth: int, colour_type: int, raw_rows: bytes,
            extra_chunks: bytes = b"") -> bytes:
    """A PNG whose IHDR says what the caller wants; ``raw_rows`` are the filtered rows."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra_chunks
            + png_chunk(b"IDAT", zlib.compress(raw_rows)) + png_chunk(b"IEND", b""))


def png_declaring(width: int, height: int) -> bytes:
    """Valid signature and IHDR (correct CRC) declaring width x height, and a tiny IDAT."""
    return png_raw(width, height, 8, 2, b"\x00" * 64)


def png16_rgb_gradient(width: int = 256, height: int = 8) -> bytes:
    """16-bit RGB, red rising left to right over the whole 0..65535 range, green and blue 0."""
    rows = b"".join(
        b"\x00" + b"".join(struct.pack(">HHH", x * 65535 // (width - 1), 0, 0)
                           for x in range(width))
        for _ in range(height))
    return png_raw(width, height, 16, 2, rows)


def png16_grey_gradient(width: int = 256, height: int = 8) -> bytes:
    """16-bit greyscale, black to white left to right (Pillow opens it as I;16)."""
    im = Image.new("I;16", (width, height))
    for x in range(width):
        im.paste(x * 65535 // (width - 1), (x, 0, x + 1, height))
    return png(im)


def palette_png_with_transparency(size=(40, 20)) -> bytes:
    """Left half transparent (palette index 0), right half opaque red (index 1)."""
    im = Image.new("P", size, 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * (256 * 3 - 6))
    im.paste(1, (size[0] // 2, 0, size[0], size[1]))
    return png(im, transparency=0)


def cmyk_jpeg(size=(64, 64), cmyk=(0, 255, 255, 0)) -> bytes:
    """Pillow writes CMYK JPEGs as Photoshop does: Adobe APP14 marker, inverted values."""
    return jpeg(Image.new("CMYK", size, cmyk))


def gif(im: Image.Image, **params) -> bytes:
    return encode(im.convert("P"), "GIF", **params)


def animated_gif(colours=(RED, GREEN, BLUE), size=(40, 30)) -> bytes:
    frames = [Image.new("RGB", size, c).convert("P") for c in colours]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def gif_html_polyglot_trailing() -> bytes:
    """A valid GIF followed by HTML after its trailer."""
    return gif(solid((20, 20), BLUE)) + HTML


def gif_html_polyglot_comment() -> bytes:
    """A valid GIF whose comment extension holds HTML."""
    return gif(solid((20, 20), BLUE), comment=HTML)


def animated_gif_polyglot() -> bytes:
    """An animated GIF with HTML both in a comment and after the trailer."""
    frames = [Image.new("RGB", (30, 20), c).convert("P") for c in (RED, GREEN)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100,
                  loop=0, comment=HTML) + HTML


# --- an RGB ICC profile whose red and green primaries are swapped -------------------------------
def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def swapped_primaries_icc() -> bytes:
    """An ICC v2 display profile like sRGB but with the red and green primaries exchanged, so
    that a pixel stored as pure red means sRGB green: proof a render converts to sRGB."""
    text = b"Swapped primaries\0"
    desc = (b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text
            + b"\0" * 8 + b"\0" * 3 + b"\0" * 67)
    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", 0x0233) + b"\0\0"
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    tags = [(b"desc", desc), (b"wtpt", _xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", _xyz(*green)),
            (b"gXYZ", _xyz(*red)), (b"bXYZ", _xyz(*blue)), (b"rTRC", curve),
            (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + b"\x02\x10\x00\x00" + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0" * 4 + _s15(0.9642) + _s15(1.0)
              + _s15(0.8249) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


# --- reading results ---------------------------------------------------------------------------
def open_image(data: bytes) -> Image.Image:
    """The image as a viewer shows it: decoded, turned by its EXIF orientation (an original
    keeps that one tag; renditions have none)."""
    im = Image.open(io.BytesIO(data))
    im.load()
    ImageOps.exif_transpose(im, in_place=True)
    return im


def open_rgb(data: bytes) -> Image.Image:
    """The image in RGB, whatever mode it was stored in (to compare pixels with colours)."""
    return open_image(data).convert("RGB")


def rgb_at(data: bytes, x: float, y: float) -> tuple[int, ...]:
    """The colour at (x, y): pixels when given ints, fractions of the width and height when
    given floats."""
    im = open_image(data)
    im = im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB")
    px = round(x * (im.width - 1)) if isinstance(x, float) else x
    py = round(y * (im.height - 1)) if isinstance(y, float) else y
    return im.getpixel((px, py))


def close_to(colour, expected, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=False))


def jpeg_markers(data: bytes) -> list[int]:
    """The JPEG marker codes before the scan data (APPn, COM, DQT ...)."""
    markers, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return markers
