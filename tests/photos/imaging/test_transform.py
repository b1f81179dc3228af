"""Pixel helpers on tiny in-memory images."""

import pytest
from PIL import Image

from photos.errors import CorruptImage
from photos.imaging import Crop, get_spec, render
from photos.imaging.transform import flatten, has_transparency, normalize, to_srgb
from tests.support import images as img


@pytest.mark.parametrize(("mode", "info", "expected"), [
    ("1", {}, "L"), ("L", {}, "L"), ("LA", {}, "LA"), ("RGB", {}, "RGB"), ("RGBA", {}, "RGBA"),
    ("P", {}, "RGB"), ("P", {"transparency": 0}, "RGBA"), ("PA", {}, "RGBA"),
    ("L", {"transparency": 0}, "LA"), ("RGB", {"transparency": (0, 0, 0)}, "RGBA"),
    ("CMYK", {}, "RGB"), ("YCbCr", {}, "RGB"), ("I;16", {}, "L"), ("I", {}, "L"),
    ("RGBa", {}, "RGBA"), ("La", {}, "LA"),
])
def test_every_mode_is_normalized_to_a_working_mode(mode, info, expected):
    im = Image.new(mode, (4, 4))
    im.info.update(info)
    assert normalize(im).mode == expected


def test_cmyk_is_kept_for_an_icc_transform_when_asked():
    assert normalize(Image.new("CMYK", (2, 2)), keep_cmyk=True).mode == "CMYK"
    assert to_srgb(Image.new("CMYK", (2, 2), (0, 255, 255, 0)), None).getpixel((0, 0)) == img.RED


def test_a_profile_that_does_not_parse_or_fit_is_ignored():
    im = Image.new("RGB", (2, 2), img.BLUE)
    assert to_srgb(im, b"not a profile").getpixel((0, 0)) == img.BLUE
    grey = Image.new("L", (2, 2), 7)
    assert to_srgb(grey, img.swapped_primaries_icc()).getpixel((0, 0)) == 7


def test_flatten_composites_on_white():
    im = Image.new("RGBA", (4, 1), (0, 0, 0, 0))
    im.putpixel((1, 0), (0, 0, 255, 255))
    im.putpixel((2, 0), (0, 0, 0, 128))
    flat = flatten(im)
    assert flat.mode == "RGB"
    assert [flat.getpixel((x, 0)) for x in range(3)] == [img.WHITE, img.BLUE, (127, 127, 127)]
    assert flatten(Image.new("LA", (1, 1), (0, 0))).getpixel((0, 0)) == 255


def test_has_transparency_looks_only_inside_the_box():
    im = Image.new("RGBA", (10, 10), (1, 2, 3, 255))
    im.putpixel((9, 9), (1, 2, 3, 254))
    assert has_transparency(im)
    assert not has_transparency(im, (0, 0, 9, 9))
    assert not has_transparency(Image.new("RGB", (2, 2)))


def test_transparent_surroundings_bleed_white_not_black_into_a_cropped_edge():
    im = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    im.paste((0, 0, 255, 255), (0, 0, 200, 200))
    icon = render(img.png(im), [get_spec("icon")], crop=Crop(0, 0, 200))[0]
    edge = img.open_image(icon.data).convert("RGB").getpixel((31, 16))
    assert icon.format == "JPEG"
    assert edge[2] > 245 and edge[0] > 10  # lightened by white; black would darken it


def test_a_damaged_bmp_is_corrupt():
    data = img.encode(Image.effect_noise((64, 64), 30), "BMP")
    with pytest.raises(CorruptImage):
        render(data[:200], [get_spec("icon")])
