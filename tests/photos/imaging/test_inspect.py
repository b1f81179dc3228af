"""inspect(): what an upload request may cheaply accept or refuse, from the header only."""

import io
import time
import warnings

import pytest
from PIL import Image

from photos.errors import (
    CorruptImage,
    DecompressionBomb,
    FileTooLarge,
    ImageError,
    TooManyPixels,
    UnsupportedFormat,
)
from photos.imaging import DEFAULT_LIMITS, ImageInfo, Limits, inspect
from tests.support import images as img

MB = 1024 * 1024


class SizedFile(io.RawIOBase):
    """A seekable file of ``size`` bytes whose content must never be read."""

    def __init__(self, size: int):
        self.size, self.position = size, 0

    def seekable(self):
        return True

    def readable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        self.position = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[
            whence] + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        raise AssertionError("the content was read before the size was checked")


def big_png(total_bytes: int) -> bytes:
    """A valid 8x8 PNG padded to ``total_bytes`` with a private ancillary chunk."""
    small = img.png(img.solid((8, 8), img.GREEN))
    padding = total_bytes - len(small) - 12
    return small[:33] + img.png_chunk(b"prVt", b"\0" * padding) + small[33:]


# --- accepted images ------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "fmt", "mime"), [
    (img.jpeg(img.solid((40, 30))), "JPEG", "image/jpeg"),
    (img.png(img.solid((40, 30))), "PNG", "image/png"),
    (img.gif(img.solid((40, 30))), "GIF", "image/gif"),
    (img.encode(img.solid((40, 30)), "BMP"), "BMP", "image/bmp"),
    (img.encode(img.solid((40, 30)), "WEBP"), "WEBP", "image/webp"),
])
def test_the_five_formats_are_identified_from_content(data, fmt, mime):
    assert inspect(data) == ImageInfo(format=fmt, mime=mime, width=40, height=30, frames=1,
                                      animated=False, has_alpha=False, byte_size=len(data))


def test_alpha_is_reported_from_the_header():
    assert inspect(img.png(img.solid((4, 4), (1, 2, 3, 4), "RGBA"))).has_alpha
    assert inspect(img.palette_png_with_transparency()).has_alpha
    assert not inspect(img.png(img.solid((4, 4)))).has_alpha


def test_an_animated_gif_reports_its_frames():
    info = inspect(img.animated_gif())
    assert (info.format, info.frames, info.animated) == ("GIF", 3, True)


@pytest.mark.parametrize(("orientation", "size"), [(1, (80, 40)), (3, (80, 40)), (6, (40, 80)),
                                                   (8, (40, 80)), (5, (40, 80))])
def test_width_and_height_are_as_displayed_after_exif_orientation(orientation, size):
    data = img.jpeg(img.quadrants(80, 40), exif=img.exif(orientation))
    assert (inspect(data).width, inspect(data).height) == size


def test_a_file_object_is_read_and_its_position_restored():
    data = img.png(img.solid((12, 7)))
    fp = io.BytesIO(b"" + data)
    fp.seek(5)
    assert inspect(fp).width == 12
    assert fp.tell() == 5


def test_a_non_seekable_stream_is_accepted_within_the_limit():
    class Stream(io.RawIOBase):
        def __init__(self, data):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            return self.inner.readinto(buffer)

    assert inspect(Stream(img.jpeg(img.solid((9, 9))))).width == 9
    with pytest.raises(FileTooLarge):
        inspect(Stream(big_png(2000)), Limits(max_bytes=1000))


# --- refused files ------------------------------------------------------------------------------
def test_a_file_over_the_byte_limit_is_refused_before_any_content_is_read():
    start = time.perf_counter()
    with pytest.raises(FileTooLarge, match="10.1 MB"):
        inspect(SizedFile(int(10.1 * MB)))
    assert time.perf_counter() - start < 0.5


def test_bytes_over_the_limit_are_refused_and_a_bigger_limit_accepts_them():
    data = big_png(int(10.1 * MB))
    with pytest.raises(FileTooLarge):
        inspect(data)
    assert inspect(data, Limits(max_bytes=11 * MB)).width == 8


def test_an_empty_file_is_refused():
    with pytest.raises(UnsupportedFormat, match="empty"):
        inspect(b"")


@pytest.mark.parametrize("data", [
    b"just some text saved as photo.png\n",
    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    b"<html><body>hi</body></html>",
    b"%PDF-1.4\n",
    b"\x89PN",  # a PNG signature cut short
], ids=["text", "svg", "html", "pdf", "short"])
def test_anything_that_is_not_an_accepted_image_is_unsupported(data):
    with pytest.raises(UnsupportedFormat):
        inspect(data)


@pytest.mark.parametrize("fmt", ["TIFF", "ICO", "PPM", "TGA", "PCX"])
def test_images_pillow_could_read_but_we_do_not_accept_are_unsupported(fmt):
    with pytest.raises(UnsupportedFormat):
        inspect(img.encode(img.solid((16, 16)), fmt))


@pytest.mark.parametrize("data", [
    b"\xff\xd8\xff\xe0" + b"garbage" * 10,
    b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 5,
    b"GIF89a\x01",
    img.jpeg(img.solid((64, 64)))[:30],
], ids=["jpeg-garbage", "png-bad-ihdr", "gif-short", "jpeg-cut-in-header"])
def test_a_damaged_header_is_corrupt(data):
    with pytest.raises(CorruptImage):
        inspect(data)


def test_a_png_declaring_100000_by_100000_is_a_decompression_bomb():
    data = img.png_declaring(100_000, 100_000)
    assert len(data) < 100
    start = time.perf_counter()
    with pytest.raises(DecompressionBomb):
        inspect(data)
    with pytest.raises(TooManyPixels):  # a bomb is also "too many pixels" for the dialects
        inspect(data, Limits(max_pixels=10**9))
    assert time.perf_counter() - start < 0.5


def test_a_small_file_declaring_more_than_the_budget_is_a_bomb():
    with pytest.raises(DecompressionBomb, match="5000x5000"):
        inspect(img.png_declaring(5000, 5000))


def test_an_image_over_the_pixel_budget_is_refused_and_a_bigger_budget_accepts_it():
    data = img.jpeg(img.quadrants(3300, 3061), quality=50)  # 10.1 MP
    with pytest.raises(TooManyPixels, match="3300x3061") as refused:
        inspect(data)
    assert type(refused.value) is TooManyPixels
    assert inspect(data, Limits(max_pixels=10_200_000)).width == 3300


def test_frames_count_against_the_pixel_budget():
    data = img.animated_gif(size=(100, 100))  # 3 frames of 10,000 pixels
    with pytest.raises(TooManyPixels, match="3 frames"):
        inspect(data, Limits(max_pixels=25_000))
    assert inspect(data, Limits(max_pixels=30_000)).frames == 3


def test_every_refusal_carries_a_human_message():
    for data in (b"", b"text", img.png_declaring(100_000, 100_000), b"\xff\xd8\xff\xe0garbage"):
        with pytest.raises(ImageError) as refused:
            inspect(data)
        assert refused.value.message and str(refused.value) == refused.value.message


def test_inspect_does_not_decode_pixels(monkeypatch):
    corpus = (img.jpeg(img.quadrants(64, 64), exif=img.exif(6)), img.png(img.solid((9, 9))),
              img.animated_gif(), img.encode(img.solid((4, 4)), "WEBP"))

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("inspect decoded the image")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    for data in corpus:
        inspect(data)


def test_default_limits_are_ten_megabytes_and_ten_megapixels():
    assert Limits(max_bytes=10 * MB, max_pixels=10_000_000) == DEFAULT_LIMITS


def test_pillows_bomb_warning_turned_error_becomes_a_domain_error():
    # Pillow warns from 89.5 MP; where warnings are errors (as in this project's pytest
    # settings) that must still surface as a domain error, never as a bare warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with pytest.raises(TooManyPixels):
            inspect(img.png_declaring(10_000, 10_000), Limits(max_pixels=200_000_000))
