"""jpeg.clean() and png.clean(): the original as uploaded, its compressed picture byte for byte,
without metadata or trailing data, still shown upright and in its colours."""

import io
import struct
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageOps, PngImagePlugin

from photos.imaging import inspect, jpeg, png
from photos.imaging.jpeg import JpegStructureError
from photos.imaging.png import PngStructureError
from tests.support import images as img
from tests.support.camera import (
    GAMA,
    LATITUDE,
    SRGB_ICC,
    STORED,
    THUMBNAIL,
    UPRIGHT,
    XMP,
    ZIP,
    camera_jpeg,
    camera_png,
    chunks,
    image_data,
    payloads,
    segments,
)


def applications(data: bytes) -> list[bytes]:
    """Each APPn or COM segment before the first scan: marker code then payload."""
    return [bytes([code]) + payload for code, payload in segments(data)
            if 0xE0 <= code <= 0xEF or code == 0xFE]


def decoded(data: bytes) -> Image.Image:
    """The pixels as stored, not turned by the orientation."""
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def displayed(data: bytes) -> Image.Image:
    return ImageOps.exif_transpose(img.open_image(data))


CAMERA = camera_jpeg()


def test_the_image_data_of_a_camera_jpeg_is_kept_byte_for_byte():
    cleaned = jpeg.clean(CAMERA)
    assert image_data(cleaned) == image_data(CAMERA)
    tables = (0xDB, 0xC4, 0xC0)  # DQT, DHT, SOF0
    assert [s for s in segments(cleaned) if s[0] in tables] == \
        [s for s in segments(CAMERA) if s[0] in tables]
    assert decoded(cleaned).tobytes() == decoded(CAMERA).tobytes()


def test_gps_thumbnail_xmp_comment_and_trailing_data_are_gone():
    for hidden in (LATITUDE, b"TestCam", THUMBNAIL, XMP, img.HTML, b"PK\x03\x04"):
        assert hidden in CAMERA  # the upload really has it
    assert zipfile.is_zipfile(io.BytesIO(CAMERA))  # a JPEG/ZIP polyglot
    cleaned = jpeg.clean(CAMERA)
    for hidden in (LATITUDE, b"TestCam", THUMBNAIL, XMP, b"adobe:ns:meta", img.HTML,
                   b"<script", b"PK\x03\x04", b"PK\x05\x06"):
        assert hidden not in cleaned
    assert not zipfile.is_zipfile(io.BytesIO(cleaned))
    assert cleaned.endswith(b"\xff\xd9")
    exif = Image.open(io.BytesIO(cleaned)).getexif()
    assert dict(exif) == {ExifTags.Base.Orientation: 6}
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert [a[:1] for a in applications(cleaned)] == [b"\xe0", b"\xe1", b"\xe2"]  # JFIF, EXIF, ICC


def test_orientation_6_still_displays_upright():
    cleaned = jpeg.clean(CAMERA)
    shown = displayed(cleaned)
    assert shown.size == UPRIGHT.size == (96, 64)
    for x, y in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        point = (round(x * 95), round(y * 63))
        assert img.close_to(shown.getpixel(point), UPRIGHT.getpixel(point))
    # the very pixels of the upload, turned as its orientation says
    assert shown.tobytes() == decoded(CAMERA).transpose(Image.Transpose.ROTATE_270).tobytes()
    reported, again = inspect(CAMERA), inspect(cleaned)
    assert (again.width, again.height) == (reported.width, reported.height) == (96, 64)


def test_the_cleaned_jpeg_is_a_whole_image_our_upload_check_accepts():
    cleaned = jpeg.clean(CAMERA)
    im = Image.open(io.BytesIO(cleaned))
    assert im.format == "JPEG"
    im.load()  # every scan decodes, to the end
    info = inspect(cleaned)  # which walks the file to its end-of-image marker
    assert (info.format, info.mime) == ("JPEG", "image/jpeg")
    assert jpeg.clean(cleaned) == cleaned  # nothing left to drop


def test_the_icc_profile_is_kept():
    assert Image.open(io.BytesIO(jpeg.clean(CAMERA))).info["icc_profile"] == SRGB_ICC


def test_an_icc_profile_in_several_chunks_is_kept_whole_and_in_order():
    profile = img.swapped_primaries_icc() + bytes(150_000)  # more than two 64 KB segments
    data = img.jpeg(STORED, icc_profile=profile, comment=b"x")
    icc = [a for a in applications(data) if a[:1] == b"\xe2"]
    assert len(icc) == 3
    cleaned = jpeg.clean(data)
    assert [a for a in applications(cleaned) if a[:1] == b"\xe2"] == icc
    assert Image.open(io.BytesIO(cleaned)).info["icc_profile"] == profile


def test_an_incomplete_icc_profile_goes_and_the_picture_stays():
    data = img.jpeg(STORED, icc_profile=bytes(150_000))
    second = data.index(b"ICC_PROFILE\x00\x02") - 4  # the second of three chunks, its marker
    length = struct.unpack(">H", data[second + 2:second + 4])[0]
    broken = data[:second] + data[second + 2 + length:]
    cleaned = jpeg.clean(broken)
    assert b"ICC_PROFILE" not in cleaned
    assert image_data(cleaned) == image_data(data)


def test_an_upright_photo_keeps_no_exif_at_all():
    data = camera_jpeg(orientation=1)
    cleaned = jpeg.clean(data)
    assert [a[:1] for a in applications(cleaned)] == [b"\xe0", b"\xe2"]
    assert not Image.open(io.BytesIO(cleaned)).getexif()
    assert decoded(cleaned).tobytes() == decoded(data).tobytes()


def test_an_orientation_given_only_in_xmp_is_kept_as_the_upload_check_read_it():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description tiff:Orientation="6"/></x:xmpmeta>'
    data = img.jpeg(STORED, xmp=xmp)
    cleaned = jpeg.clean(data)
    assert xmp not in cleaned
    assert (inspect(cleaned).width, inspect(cleaned).height) == \
        (inspect(data).width, inspect(data).height) == (96, 64)
    assert displayed(cleaned).tobytes() == displayed(data).tobytes()


def test_a_jpeg_with_nothing_to_drop_comes_back_as_it_is():
    data = img.jpeg(STORED)
    assert [a[:5] for a in applications(data)] == [b"\xe0JFIF"]
    assert jpeg.clean(data) is data


def test_a_jfif_thumbnail_goes_and_the_jfif_header_stays():
    plain = img.jpeg(STORED)
    jfif = segments(plain)[0][1]
    with_thumbnail = jfif[:12] + b"\x02\x02" + bytes(range(12))  # 2x2 RGB thumbnail
    jfxx = b"JFXX\x00\x13" + bytes(12)  # JFIF extension: a thumbnail in RGB
    tampered = (plain[:2] + jpeg._segment(0xE0, with_thumbnail) + jpeg._segment(0xE0, jfxx)
                + plain[2 + 2 + 2 + len(jfif):])
    assert jpeg.clean(tampered) == plain


def test_a_cmyk_jpeg_keeps_its_adobe_marker_and_its_colours():
    data = img.cmyk_jpeg()
    adobe = [a for a in applications(data) if a[:6] == b"\xeeAdobe"]
    assert adobe  # its transform flag: CMYK, not YCCK
    tampered = data[:2] + jpeg._segment(0xE1, b"Exif\x00\x00MM\x00*") + data[2:] + img.HTML
    cleaned = jpeg.clean(tampered)
    assert cleaned == data
    assert decoded(cleaned).tobytes() == decoded(data).tobytes()


def noise(size=(128, 96)) -> Image.Image:
    # noise compresses badly: long entropy-coded data with many stuffed 0xFF bytes
    return Image.merge("RGB", [Image.effect_noise(size, 60) for _ in range(3)])


def test_a_progressive_jpeg_keeps_every_scan_and_loses_what_was_put_between_them():
    data = img.jpeg(noise(), progressive=True)
    scans = [i for i in range(len(data) - 1) if data[i:i + 2] == b"\xff\xda"]
    assert len(scans) > 3
    hidden = (jpeg._segment(0xFE, img.HTML)
              + jpeg._segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
              # what is kept before the first scan is not kept after it: decoders ignore it there
              + jpeg._segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + img.HTML))
    tampered = data[:scans[2]] + hidden + data[scans[2]:]
    assert decoded(tampered).tobytes() == decoded(data).tobytes()
    assert jpeg.clean(tampered) == data


def test_restart_markers_are_part_of_the_scan():
    data = img.jpeg(noise(), restart_marker_blocks=1)
    assert sum(data.count(bytes([0xFF, rst])) for rst in range(0xD0, 0xD8)) >= 40
    assert jpeg.clean(data) is data
    assert jpeg.clean(data + img.HTML) == data


def test_an_mpo_keeps_only_its_first_picture():
    out = io.BytesIO()
    first, second = img.solid((64, 48), img.RED), img.solid((64, 48), img.GREEN)
    first.save(out, "MPO", save_all=True, append_images=[second])
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).n_frames == 2
    cleaned = jpeg.clean(data)
    assert b"MPF\x00" not in cleaned
    im = Image.open(io.BytesIO(cleaned))
    assert (im.format, getattr(im, "n_frames", 1)) == ("JPEG", 1)
    assert img.close_to(img.rgb_at(cleaned, 0.5, 0.5), img.RED)


# --- hostile JPEGs: refused, or only the image comes out -----------------------------------------
PLAIN = img.jpeg(noise())


def _first_scan() -> int:
    return PLAIN.index(b"\xff\xda")


@pytest.mark.parametrize("cut", [1, 3, 5, 30, 0.5, -2, -1], ids=lambda c: f"cut-{c}")
def test_a_truncated_jpeg_is_refused(cut):
    at = int(len(PLAIN) * cut) if isinstance(cut, float) else cut
    with pytest.raises(JpegStructureError):
        jpeg.clean(PLAIN[:at])


def test_a_segment_length_past_the_end_is_refused():
    tampered = PLAIN[:4] + b"\xff\xff" + PLAIN[6:]  # the JFIF APP0 claims 65535 bytes
    with pytest.raises(JpegStructureError, match="past the end"):
        jpeg.clean(tampered[:2000])


@pytest.mark.parametrize("where", ["header", "scan"])
def test_a_second_start_of_image_is_refused(where):
    at = 2 + 2 + 16 if where == "header" else (_first_scan() + len(PLAIN)) // 2
    with pytest.raises(JpegStructureError, match="0xFFD8"):
        jpeg.clean(PLAIN[:at] + img.jpeg(img.solid((8, 8))) + PLAIN[at:])


def test_bytes_between_segments_are_refused():
    at = 2 + 2 + 16  # after the JFIF APP0
    with pytest.raises(JpegStructureError, match="no marker"):
        jpeg.clean(PLAIN[:at] + img.HTML + PLAIN[at:])


@pytest.mark.parametrize("data", [b"", b"\xff", b"\xff\xd8", b"GIF89a", img.HTML,
                                  b"\xff\xd8" + jpeg._segment(0xE0, b"JFIF\x00") + b"\xff\xd9",
                                  b"\xff\xd8\xff\xf7\x00\x04ab" + PLAIN[2:]],
                         ids=["empty", "ff", "soi", "gif", "html", "no-scan", "jpeg-ls"])
def test_what_is_not_a_walkable_jpeg_is_refused(data):
    with pytest.raises(JpegStructureError):
        jpeg.clean(data)
    assert issubclass(JpegStructureError, ValueError)  # callers catch it to fall back


def test_a_polyglot_comes_out_as_only_its_image():
    polyglot = (PLAIN[:2] + jpeg._segment(0xFE, img.HTML) + jpeg._segment(0xED, img.HTML)
                + PLAIN[2:] + ZIP + img.HTML)
    assert zipfile.is_zipfile(io.BytesIO(polyglot))
    assert jpeg.clean(polyglot) == PLAIN


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(PLAIN)), st.integers(0, 255)), min_size=1,
                max_size=4),
       st.integers(0, len(PLAIN)))
def test_a_damaged_jpeg_is_refused_or_comes_out_as_segments_we_keep(changes, cut):
    data = bytearray(PLAIN)
    for at, value in changes:
        data[at:at + 1] = bytes([value])
    data = bytes(data[:max(cut, 2)])
    try:
        cleaned = jpeg.clean(data)
    except JpegStructureError:
        return
    assert cleaned.startswith(b"\xff\xd8") and cleaned.endswith(b"\xff\xd9")
    assert jpeg.clean(cleaned) == cleaned  # only what clean keeps is left


# --- PNG -------------------------------------------------------------------------------------
CAMERA_PNG = camera_png()
KEPT_KINDS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
              b"sBIT", b"pHYs", b"eXIf", b"acTL", b"fcTL", b"fdAT"}


def test_the_idat_of_a_png_is_kept_byte_for_byte():
    cleaned = png.clean(CAMERA_PNG)
    assert payloads(cleaned, b"IDAT") == payloads(CAMERA_PNG, b"IDAT")
    assert decoded(cleaned).tobytes() == decoded(CAMERA_PNG).tobytes()


def test_png_text_time_exif_private_chunks_and_trailing_data_are_gone():
    kinds = {kind for kind, _ in chunks(CAMERA_PNG)}
    assert {b"tEXt", b"zTXt", b"iTXt", b"tIME", b"prVt", b"eXIf"} <= kinds
    for hidden in (img.HTML, XMP, b"TestCam", THUMBNAIL, b"PK\x03\x04"):
        assert hidden in CAMERA_PNG
    cleaned = png.clean(CAMERA_PNG)
    assert {kind for kind, _ in chunks(cleaned)} <= KEPT_KINDS
    for hidden in (img.HTML, b"<script", XMP, b"Secret", b"TestCam", THUMBNAIL, b"after the pix",
                   b"private", b"PK\x03\x04", b"PK\x05\x06"):
        assert hidden not in cleaned
    assert cleaned.endswith(png.chunk(b"IEND", b""))
    assert not zipfile.is_zipfile(io.BytesIO(cleaned))
    im = Image.open(io.BytesIO(cleaned))
    assert dict(im.getexif()) == {ExifTags.Base.Orientation: 6}
    assert not im.text


def test_png_colour_chunks_are_kept_byte_for_byte():
    cleaned = png.clean(CAMERA_PNG)
    for kind in (b"iCCP", b"gAMA", b"cHRM", b"sBIT", b"pHYs"):
        assert payloads(cleaned, kind) == payloads(CAMERA_PNG, kind) != []
    assert Image.open(io.BytesIO(cleaned)).info["icc_profile"] == SRGB_ICC


def test_a_png_with_orientation_6_still_displays_upright():
    cleaned = png.clean(CAMERA_PNG)
    shown = displayed(cleaned)
    assert shown.size == UPRIGHT.size
    assert shown.tobytes() == UPRIGHT.tobytes()  # PNG is lossless: exactly what the camera saw
    assert shown.tobytes() == decoded(CAMERA_PNG).transpose(Image.Transpose.ROTATE_270).tobytes()
    assert (inspect(cleaned).width, inspect(cleaned).height) == (96, 64)


def test_an_upright_png_keeps_no_exif():
    data = camera_png(orientation=None)
    cleaned = png.clean(data)
    assert b"eXIf" not in cleaned
    assert decoded(cleaned).tobytes() == decoded(data).tobytes()


def test_the_cleaned_png_is_a_whole_image_our_upload_check_accepts():
    cleaned = png.clean(CAMERA_PNG)
    Image.open(io.BytesIO(cleaned)).load()
    info = inspect(cleaned)  # which verifies every chunk's CRC
    assert (info.format, info.mime) == ("PNG", "image/png")
    assert png.clean(cleaned) == cleaned


def test_a_png_with_nothing_to_drop_comes_back_as_it_is():
    data = img.png(STORED)
    assert png.clean(data) is data


def test_a_palette_png_keeps_its_palette_and_transparency():
    data = img.palette_png_with_transparency()
    tampered = data[:-12] + png.chunk(b"tEXt", b"Comment\x00" + img.HTML) + data[-12:]
    cleaned = png.clean(tampered)
    assert cleaned == data
    assert decoded(cleaned).convert("RGBA").tobytes() == decoded(data).convert("RGBA").tobytes()


def test_an_animated_png_keeps_its_frames():
    frames = [img.solid((40, 30), colour) for colour in (img.RED, img.GREEN, img.BLUE)]
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", img.HTML.decode())
    data = img.png(frames[0], save_all=True, append_images=frames[1:], duration=100, loop=0,
                   pnginfo=info)
    cleaned = png.clean(data)
    assert img.HTML not in cleaned
    assert payloads(cleaned, b"fdAT") == payloads(data, b"fdAT") != []
    im = Image.open(io.BytesIO(cleaned))
    assert im.n_frames == 3
    for n, colour in enumerate((img.RED, img.GREEN, img.BLUE)):
        im.seek(n)
        assert im.convert("RGB").getpixel((5, 5)) == colour


def test_a_fixed_size_colour_chunk_of_the_wrong_size_is_dropped():
    data = img.png(STORED)
    tampered = data[:33] + png.chunk(b"gAMA", GAMA + img.HTML) + data[33:]
    assert png.clean(tampered) == data


# --- hostile PNGs ------------------------------------------------------------------------------
PLAIN_PNG = img.png(noise())


def _tamper_chunk(data: bytes, kind: bytes, payload: bytes, crc: int | None = None) -> bytes:
    """``data`` with the first ``kind`` chunk replaced."""
    pos = data.index(kind) - 4
    length = struct.unpack(">I", data[pos:pos + 4])[0]
    crc = zlib.crc32(kind + payload) if crc is None else crc
    return (data[:pos] + struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", crc) + data[pos + 12 + length:])


def test_a_png_chunk_with_a_bad_crc_is_refused():
    idat = payloads(PLAIN_PNG, b"IDAT")[0]
    tampered = _tamper_chunk(PLAIN_PNG, b"IDAT", idat, crc=zlib.crc32(b"IDAT" + idat) ^ 1)
    with pytest.raises(PngStructureError, match="CRC"):
        png.clean(tampered)


def test_a_bad_crc_in_a_dropped_chunk_does_not_matter():
    # after the image data: before it, Pillow (and so the upload check) refuses a bad CRC
    bad = png.chunk(b"tEXt", b"a\x00b")[:-1] + b"\x00"
    tampered = PLAIN_PNG[:-12] + bad + PLAIN_PNG[-12:]
    assert png.clean(tampered) == PLAIN_PNG


@pytest.mark.parametrize("cut", [9, 20, 40, 0.5, -12, -1])
def test_a_truncated_png_is_refused(cut):
    at = int(len(PLAIN_PNG) * cut) if isinstance(cut, float) else cut
    with pytest.raises(PngStructureError):
        png.clean(PLAIN_PNG[:at])


def test_a_png_chunk_length_past_the_end_is_refused():
    pos = PLAIN_PNG.index(b"IDAT") - 4
    tampered = PLAIN_PNG[:pos] + struct.pack(">I", 2**31 - 1) + PLAIN_PNG[pos + 4:]
    with pytest.raises(PngStructureError, match="past the end"):
        png.clean(tampered)


@pytest.mark.parametrize("extra", [png.chunk(b"ABCD", b"x"), png.chunk(b"IHDR", bytes(13)),
                                   png.chunk(b"IE\x00D", b"")],
                         ids=["unknown-critical", "second-ihdr", "not-a-type"])
def test_a_png_with_a_chunk_it_cannot_keep_is_refused(extra):
    with pytest.raises(PngStructureError):
        png.clean(PLAIN_PNG[:33] + extra + PLAIN_PNG[33:])


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", img.HTML,
                                  b"\x89PNG\r\n\x1a\n" + png.chunk(b"IEND", b""),
                                  PLAIN_PNG[:8] + png.chunk(b"tEXt", b"a\x00b") + PLAIN_PNG[8:]],
                         ids=["empty", "signature", "html", "iend-first", "ihdr-not-first"])
def test_what_is_not_a_walkable_png_is_refused(data):
    with pytest.raises(PngStructureError):
        png.clean(data)
    assert issubclass(PngStructureError, ValueError)


def test_a_png_polyglot_comes_out_as_only_its_image():
    polyglot = (PLAIN_PNG[:33] + png.chunk(b"tEXt", b"Comment\x00" + img.HTML) + PLAIN_PNG[33:]
                + ZIP + img.HTML)
    assert zipfile.is_zipfile(io.BytesIO(polyglot))
    assert png.clean(polyglot) == PLAIN_PNG


SMALL_PNG = (PLAIN_PNG[:33] + png.chunk(b"tEXt", b"Comment\x00" + img.HTML)
             + png.chunk(b"gAMA", GAMA) + PLAIN_PNG[33:] + img.HTML)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SMALL_PNG)), st.integers(0, 255)), min_size=1,
                max_size=4),
       st.integers(0, len(SMALL_PNG)))
def test_a_damaged_png_is_refused_or_comes_out_as_chunks_we_keep(changes, cut):
    data = bytearray(SMALL_PNG)
    for at, value in changes:
        data[at:at + 1] = bytes([value])
    data = bytes(data[:cut])
    try:
        cleaned = png.clean(data)
    except PngStructureError:
        return
    assert cleaned.startswith(png.SIGNATURE) and cleaned.endswith(png.chunk(b"IEND", b""))
    assert {kind for kind, _ in chunks(cleaned)} <= KEPT_KINDS
    assert png.clean(cleaned) == cleaned
