"""gif.clean(): an animated GIF delivered as uploaded, minus what could hide HTML or metadata."""

import io

import pytest
from PIL import Image

from photos.imaging import get_spec, render
from photos.imaging.gif import GifStructureError, clean
from tests.support import images as img


def frames_of(data: bytes) -> list[tuple[int, int, int]]:
    im = Image.open(io.BytesIO(data))
    colours = []
    for n in range(im.n_frames):
        im.seek(n)
        colours.append(im.convert("RGB").getpixel((1, 1)))
    return colours


def test_a_plain_gif_comes_back_byte_for_byte():
    data = img.animated_gif()
    assert clean(data) is data
    still = img.gif(img.solid((5, 5)))
    assert clean(still) is still


def test_comments_and_trailing_bytes_go_frames_and_looping_stay():
    data = img.animated_gif_polyglot()
    cleaned = clean(data)
    assert img.HTML not in cleaned and b"<script" not in cleaned
    assert b"NETSCAPE2.0" in cleaned
    assert cleaned.endswith(b";")
    assert frames_of(cleaned) == frames_of(data) == [img.RED, img.GREEN]
    assert Image.open(io.BytesIO(cleaned)).info.get("loop") == 0


def test_other_application_extensions_go():
    data = img.animated_gif()
    xmp = b"\x21\xff\x0bXMP DataXMP" + b"\x05<x:x>" + b"\x00"
    header_end = data.index(b"\x21\xff\x0bNETSCAPE")
    tampered = data[:header_end] + xmp + data[header_end:]
    assert frames_of(tampered) == frames_of(data)
    assert clean(tampered) == data


def test_a_gif_without_its_trailer_is_kept_as_it_is():
    data = img.animated_gif()[:-1]
    assert clean(data) == data


@pytest.mark.parametrize("cut", [20, 40, -5])
def test_a_gif_cut_inside_a_block_is_a_structure_error(cut):
    with pytest.raises(GifStructureError):
        clean(img.animated_gif()[:cut])


def test_unknown_blocks_are_a_structure_error():
    data = img.animated_gif()
    with pytest.raises(GifStructureError, match="unknown"):
        clean(data[:-1] + b"\x99")


def test_a_gif_the_cleaner_refuses_gets_an_encoded_original_of_its_first_frame():
    data = img.animated_gif(colours=(img.RED, img.GREEN, img.BLUE), size=(40, 30))
    out = render(data[:-1] + b"\x99\x00", [get_spec("original")])[0]
    assert (out.format, out.width, out.height) == ("JPEG", 40, 30)  # only an image, re-encoded
    assert b"\x99\x00" not in out.data[-4:]
    assert img.close_to(img.rgb_at(out.data, 0.5, 0.5), img.RED)
