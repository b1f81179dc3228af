"""A camera's and an editor's files, full of what a cleaned original must lose (EXIF with GPS
and a thumbnail, XMP, comments and text holding HTML, data after the end), and readers of JPEG
segments and PNG chunks written independently of the code under test."""

import io
import struct
import zipfile

from PIL import Image, ImageCms, PngImagePlugin

from tests.support import images as img


# --- reading the files, independently of the code under test -----------------------------------
def segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker code, payload) of every JPEG segment before the first scan, the SOS included."""
    found, pos = [], 2
    while True:
        code, length = data[pos + 1], struct.unpack(">H", data[pos + 2:pos + 4])[0]
        found.append((code, data[pos + 4:pos + 2 + length]))
        if code == 0xDA:
            return found
        pos += 2 + length


def image_data(data: bytes) -> bytes:
    """From the first start-of-scan to the end-of-image marker: every scan, its entropy-coded
    data and the tables between scans. (0xFF 0xD9 cannot occur inside entropy-coded data.)"""
    pos = 2
    while data[pos + 1] != 0xDA:
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return data[pos:data.index(b"\xff\xd9", pos) + 2]


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every PNG chunk up to IEND."""
    found, pos = [], 8
    while True:
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        found.append((kind, data[pos + 8:pos + 8 + length]))
        if kind == b"IEND":
            return found
        pos += 12 + length


def payloads(data: bytes, kind: bytes) -> list[bytes]:
    return [payload for k, payload in chunks(data) if k == kind]


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", img.HTML)
    return out.getvalue()


ZIP = zip_archive()

# What the camera saw, 96x64, and how a camera held on its side stores it: turned a quarter to
# the left, 64x96, with orientation 6 (turn a quarter to the right to show it).
UPRIGHT = img.quadrants(96, 64)
STORED = UPRIGHT.transpose(Image.Transpose.ROTATE_90)
THUMBNAIL = img.jpeg(img.solid((32, 24), img.BLUE), quality=80)
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
       b'photoshop:City="Secret Town"/></rdf:RDF></x:xmpmeta>')
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
LATITUDE = struct.pack(">II", 48, 1)  # the GPS degrees as Pillow writes the rational, big-endian


def camera_jpeg(orientation: int | None = 6) -> bytes:
    """What a phone uploads: EXIF (make, GPS, orientation, a thumbnail), XMP, an ICC profile,
    a comment holding HTML, then a ZIP and HTML after the end of image."""
    return img.jpeg(STORED, exif=img.camera_exif(orientation, THUMBNAIL), xmp=XMP,
                    icc_profile=SRGB_ICC, comment=img.HTML) + ZIP + img.HTML


GAMA, CHRM = struct.pack(">I", 45455), struct.pack(">8I", 31270, 32900, 64000, 33000, 30000,
                                                      60000, 15000, 6000)


def camera_png(orientation: int | None = 6) -> bytes:
    """A PNG from an editor: colour chunks, text (a comment holding HTML, compressed text, XMP,
    one text chunk after the image data), a time, a private chunk, EXIF with GPS and the
    orientation, then a ZIP and HTML after IEND."""
    info = PngImagePlugin.PngInfo()
    info.add(b"gAMA", GAMA)
    info.add(b"cHRM", CHRM)
    info.add(b"sBIT", b"\x08\x08\x08")
    info.add_text("Comment", img.HTML.decode())
    info.add_text("Author", "Secret Author", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add(b"tIME", struct.pack(">HBBBBB", 2024, 5, 1, 12, 30, 0))
    info.add(b"prVt", b"private")
    info.add(b"tEXt", b"Late\x00after the pixels", after_idat=True)
    exif = img.camera_exif(orientation, THUMBNAIL)
    return img.png(STORED, pnginfo=info, exif=exif, icc_profile=SRGB_ICC, dpi=(300, 300)) \
        + ZIP + img.HTML


