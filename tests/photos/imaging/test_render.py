"""render(): pixels, colours, orientation, transparency, metadata, crops, hostile input."""

import io
import random

import pytest
from PIL import Image, ImageCms, ImageFile, ImageOps, JpegImagePlugin

from photos.errors import (
    CorruptImage,
    CropOutOfBounds,
    DecompressionBomb,
    FileTooLarge,
    ImageError,
    TooManyPixels,
    UnsupportedFormat,
)
from photos.imaging import (
    SPECS,
    Crop,
    Limits,
    Spec,
    geometry,
    get_spec,
    inspect,
    jpeg,
    render,
    specs_for_set,
)
from tests.support import images as img

GENERIC = specs_for_set("generic")


def all_specs() -> list[Spec]:
    return list(SPECS.values())


def by_spec(rendered) -> dict:
    return {r.spec: r for r in rendered}


def assert_all(rendered, colour, tolerance=40):
    """Every rendition is ``colour`` at its centre and near each corner."""
    for r in rendered:
        for x, y in ((0.5, 0.5), (0.1, 0.1), (0.9, 0.1), (0.1, 0.9), (0.9, 0.9)):
            got = img.rgb_at(r.data, x, y)
            assert img.close_to(got, colour, tolerance), (r.spec, (x, y), got, colour)


# --- basics -------------------------------------------------------------------------------------
def test_renditions_come_back_in_the_order_asked_with_their_sizes():
    specs = [get_spec("icon"), get_spec("original"), get_spec("graph_480")]
    rendered = render(img.jpeg(img.quadrants(1600, 1200)), specs)
    assert [(r.spec, r.width, r.height, r.format, r.mime) for r in rendered] == [
        ("icon", 32, 32, "JPEG", "image/jpeg"),
        ("original", 1600, 1200, "JPEG", "image/jpeg"),  # the upload's own size
        ("graph_480", 480, 360, "JPEG", "image/jpeg"),
    ]
    for r in rendered:
        assert img.open_image(r.data).size == (r.width, r.height)


def test_fill_shows_the_centre_and_max_shows_everything():
    # 300x100: left third red, middle green, right third blue
    im = Image.new("RGB", (300, 100), img.RED)
    im.paste(img.GREEN, (100, 0, 200, 100))
    im.paste(img.BLUE, (200, 0, 300, 100))
    out = by_spec(render(img.png(im), [Spec.parse("sq", "fill-50x50"),
                                     Spec.parse("wide", "max-150x150")]))
    assert_all([out["sq"]], img.GREEN)
    assert (out["wide"].width, out["wide"].height) == (150, 50)
    assert img.close_to(img.rgb_at(out["wide"].data, 0.1, 0.5), img.RED)
    assert img.close_to(img.rgb_at(out["wide"].data, 0.9, 0.5), img.BLUE)


def test_no_rendition_is_larger_than_a_tiny_source():
    im = Image.new("RGB", (20, 10), img.RED)
    im.paste(img.BLUE, (10, 0, 20, 10))
    rendered = by_spec(render(img.png(im), all_specs()))
    for r in rendered.values():
        assert r.width <= 20 and r.height <= 10, r
    assert (rendered["original"].width, rendered["original"].height) == (20, 10)
    assert (rendered["large"].width, rendered["large"].height) == (10, 10)
    assert (rendered["chatter_large"].width, rendered["chatter_large"].height) == (20, 10)
    assert img.close_to(img.rgb_at(rendered["original"].data, 2, 5), img.RED)
    assert img.close_to(img.rgb_at(rendered["original"].data, 17, 5), img.BLUE)


def test_a_file_object_renders_and_keeps_its_position():
    fp = io.BytesIO(img.jpeg(img.solid((64, 48), img.GREEN)))
    fp.seek(3)
    assert_all(render(fp, GENERIC), img.GREEN)
    assert fp.tell() == 3


def test_render_takes_spec_objects():
    with pytest.raises(TypeError):
        render(img.png(img.solid((8, 8))), ["large"])


# --- refusals: render refuses what inspect refuses, and damaged pixel data -----------------------
@pytest.mark.parametrize(("data", "error"), [
    (b"", UnsupportedFormat),
    (b"plain text, named photo.png", UnsupportedFormat),
    (img.png_declaring(100_000, 100_000), DecompressionBomb),
    (img.png_declaring(3300, 3061), TooManyPixels),
])
def test_render_refuses_what_inspect_refuses(data, error):
    with pytest.raises(error):
        render(data, GENERIC)


def test_render_refuses_a_file_over_the_byte_limit():
    data = img.jpeg(img.solid((64, 64)))
    with pytest.raises(FileTooLarge):
        render(data, GENERIC, limits=Limits(max_bytes=len(data) - 1))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_jpeg_is_corrupt_not_an_oserror(cut):
    data = img.jpeg(Image.merge("RGB", [Image.effect_noise((256, 256), 50)] * 3), quality=90)
    data = data[:int(len(data) * cut)]
    with pytest.raises(CorruptImage):  # the upload's check walks to the missing EOI
        inspect(data)
    with pytest.raises(CorruptImage):  # and a render, which decodes, finds out too
        render(data, GENERIC)


def test_a_png_with_damaged_pixel_data_is_corrupt():
    data = bytearray(img.png(Image.effect_noise((64, 64), 40)))
    idat = data.index(b"IDAT")
    data[idat + 20:idat + 40] = b"\xff" * 20
    with pytest.raises(CorruptImage):
        render(bytes(data), GENERIC)


def test_a_truncated_png_is_corrupt():
    data = img.png(Image.effect_noise((64, 64), 40).convert("RGB"))
    with pytest.raises(CorruptImage):
        render(data[:len(data) // 2], GENERIC)


def test_a_png_whose_pixel_data_is_missing_is_corrupt():
    with pytest.raises(CorruptImage):
        render(img.png_declaring(300, 300), GENERIC)


# --- colour ---------------------------------------------------------------------------------------
def test_an_adobe_cmyk_jpeg_renders_in_the_right_colours():
    data = img.cmyk_jpeg(cmyk=(0, 255, 255, 0))  # red ink
    assert img.open_image(data).mode == "CMYK" and "adobe" in img.open_image(data).info
    rendered = by_spec(render(data, GENERIC))
    original = rendered.pop("original")  # the upload cleaned: still CMYK, with its Adobe marker
    assert img.open_image(original.data).mode == "CMYK"
    assert "adobe" in img.open_image(original.data).info
    assert {img.open_image(r.data).mode for r in rendered.values()} == {"RGB"}
    assert_all([original, *rendered.values()], img.RED)


def test_a_16_bit_grey_png_keeps_its_gradient():
    rendered = render(img.png16_grey_gradient(256, 8), [Spec.parse("w", "width-128")])[0]
    row = [img.rgb_at(rendered.data, x / 127, 0.5)[0] for x in range(128)]
    assert row[0] < 10 and row[-1] > 245
    assert 100 < row[64] < 156  # the middle is mid-grey, not clipped to white
    assert all(b >= a - 3 for a, b in zip(row, row[1:], strict=False))  # still a ramp


def test_a_16_bit_rgb_png_keeps_its_gradient():
    rendered = render(img.png16_rgb_gradient(256, 8), [Spec.parse("w", "width-128")])[0]
    reds = [img.rgb_at(rendered.data, x / 127, 0.5)[0] for x in range(0, 128, 16)]
    assert reds[0] < 15 and reds[-1] > 200 and reds == sorted(reds)


def test_an_embedded_icc_profile_is_converted_to_srgb():
    # stored as pure red, but the profile says its "red" primary is sRGB green
    data = img.png(img.solid((32, 32), img.RED), icc_profile=img.swapped_primaries_icc())
    rendered = by_spec(render(data, GENERIC))
    original = rendered.pop("original")  # the upload's pixels, with the profile that says so
    assert img.open_image(original.data).info["icc_profile"] == img.swapped_primaries_icc()
    assert_all(rendered.values(), img.GREEN, tolerance=60)
    for r in rendered.values():
        assert "icc_profile" not in img.open_image(r.data).info


def test_an_srgb_profile_leaves_colours_alone():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert_all(render(img.jpeg(img.solid((32, 32), img.BLUE), icc_profile=srgb), GENERIC), img.BLUE)


def test_one_bit_and_greyscale_images_render():
    bw = Image.new("1", (40, 40), 0)
    bw.paste(1, (20, 0, 40, 40))
    out = render(img.png(bw), [Spec.parse("w", "width-40")])[0]
    assert img.rgb_at(out.data, 5, 20)[0] < 30 and img.rgb_at(out.data, 35, 20)[0] > 225
    assert_all(render(img.jpeg(img.solid((30, 30), 128, "L")), GENERIC), (128, 128, 128), 10)


# --- transparency -------------------------------------------------------------------------------
def test_a_palette_png_with_transparency_stays_a_png_with_its_alpha():
    rendered = render(img.palette_png_with_transparency((40, 20)),
                      [get_spec("original"), Spec.parse("half", "max-20x20")])
    for r in rendered:
        assert (r.format, r.mime) == ("PNG", "image/png")
        im = img.open_image(r.data)
        assert im.mode == ("P" if r.spec == "original" else "RGBA")  # the original: as uploaded
        im = im.convert("RGBA")
        assert im.getpixel((1, im.height // 2))[3] == 0  # the left half is transparent
        assert im.getpixel((im.width - 2, im.height // 2)) == (255, 0, 0, 255)


def test_an_rgba_png_without_real_transparency_becomes_a_jpeg():
    rendered = by_spec(render(img.png(img.solid((40, 40), (0, 255, 0, 255), "RGBA")), GENERIC))
    assert rendered.pop("original").format == "PNG"  # the upload, cleaned
    assert {r.format for r in rendered.values()} == {"JPEG"}
    assert_all(rendered.values(), img.GREEN)


def test_alpha_outside_the_crop_does_not_force_a_png_and_edges_blend_on_white():
    im = Image.new("RGBA", (100, 100), (0, 0, 0, 0))  # transparent black around
    im.paste((0, 0, 255, 255), (0, 0, 50, 50))
    rendered = render(img.png(im), [get_spec("small")], crop=Crop(0, 0, 50))
    assert rendered[0].format == "JPEG"
    assert_all(rendered, img.BLUE)


def test_semi_transparent_pixels_keep_their_alpha():
    out = render(img.png(img.solid((30, 30), (255, 0, 0, 128), "RGBA")), [get_spec("icon")])[0]
    assert out.format == "PNG"
    assert img.close_to(img.open_image(out.data).getpixel((15, 15)), (255, 0, 0, 128), 2)


def test_a_webp_with_alpha_renders_as_png():
    out = render(img.encode(img.solid((30, 30), (0, 0, 255, 0), "RGBA"), "WEBP", lossless=True),
                 [get_spec("icon")])[0]
    assert out.format == "PNG" and img.open_image(out.data).getpixel((5, 5))[3] == 0


def test_bmp_and_webp_render():
    for fmt in ("BMP", "WEBP"):
        assert_all(render(img.encode(img.solid((64, 64), img.YELLOW), fmt), GENERIC), img.YELLOW)


def test_a_bmp_original_is_a_png_of_the_very_same_pixels():
    pixels = Image.merge("RGB", [Image.effect_noise((48, 32), 60)] * 3)
    out = render(img.encode(pixels, "BMP"), [get_spec("original")])[0]
    assert (out.format, out.mime, out.width, out.height) == ("PNG", "image/png", 48, 32)
    assert img.open_image(out.data).convert("RGB").tobytes() == pixels.tobytes()


def test_a_webp_original_is_lossless_upright_and_without_metadata():
    stored = Image.merge("RGB", [Image.effect_noise((48, 32), 60)] * 3)
    data = img.encode(stored, "WEBP", quality=80, exif=img.exif(6, gps=True).tobytes())
    out = render(data, [get_spec("original")])[0]
    assert (out.format, out.mime, out.width, out.height) == ("WEBP", "image/webp", 32, 48)
    im = Image.open(io.BytesIO(out.data))
    assert not im.getexif() and "exif" not in im.info
    decoded = Image.open(io.BytesIO(data)).convert("RGB").transpose(Image.Transpose.ROTATE_270)
    assert im.convert("RGB").tobytes() == decoded.tobytes()  # lossless from the decoded upload


def test_a_jpeg_the_cleaner_refuses_gets_an_encoded_original_at_its_size():
    data = img.jpeg(img.quadrants(64, 48))
    walkable_by_pillow_only = data[:20] + b"\x00\x00" + data[20:]  # bytes between segments
    out = render(walkable_by_pillow_only, [get_spec("original")])[0]
    assert (out.format, out.width, out.height) == ("JPEG", 64, 48)
    assert jpeg.clean(out.data)  # re-encoded: a JPEG the cleaner walks, not the upload's bytes
    assert img.close_to(img.rgb_at(out.data, 0.1, 0.1), img.RED)
    assert img.close_to(img.rgb_at(out.data, 0.9, 0.9), img.YELLOW)


# --- EXIF orientation ---------------------------------------------------------------------------
@pytest.mark.parametrize(("orientation", "displayed", "red_at"), [
    (1, (80, 40), (0.25, 0.25)),  # as stored: top-left
    (3, (80, 40), (0.75, 0.75)),  # rotated 180: bottom-right
    (6, (40, 80), (0.75, 0.25)),  # rotated 90 clockwise: top-right
    (8, (40, 80), (0.25, 0.75)),  # rotated 90 anticlockwise: bottom-left
])
def test_exif_orientation_shows_the_image_as_a_viewer_would(orientation, displayed, red_at):
    stored = img.quadrants(80, 40, colours=(img.RED, img.WHITE, img.WHITE, img.WHITE))
    data = img.jpeg(stored, exif=img.exif(orientation))
    out = render(data, [get_spec("original")])[0]
    assert (out.width, out.height) == displayed == (inspect(data).width, inspect(data).height)
    assert img.close_to(img.rgb_at(out.data, *red_at), img.RED)
    for other in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        if other != red_at:
            assert img.close_to(img.rgb_at(out.data, *other), img.WHITE)


def test_exif_orientation_is_applied_with_draft_decoding_too():
    stored = img.quadrants(1600, 800, colours=(img.RED, img.WHITE, img.WHITE, img.WHITE))
    out = render(img.jpeg(stored, exif=img.exif(6)), [get_spec("graph_180")])[0]
    assert (out.width, out.height) == (90, 180)
    assert img.close_to(img.rgb_at(out.data, 0.75, 0.25), img.RED)
    assert img.close_to(img.rgb_at(out.data, 0.25, 0.25), img.WHITE)


# --- decode scale -------------------------------------------------------------------------------
GRAPH = specs_for_set("graph")  # the original too: the cleaned upload never sets the decode scale
SIZED_GRAPH = [s for s in GRAPH if s.name != "original"]


def spy_on_drafts(monkeypatch) -> list[int]:
    """The JPEG DCT scale of every decode render() makes from now on (1: none)."""
    drafts = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        stored_width = self.size[0]
        result = draft(self, mode, size)
        drafts.append(round(stored_width / self.size[0]) if result else 1)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    return drafts


@pytest.mark.parametrize(("orientation", "stored", "scale"), [
    (1, (3872, 2592), 4),  # 10 MP: 960 px from 3872 is a quarter
    (6, (3872, 2592), 4),  # shown 2592x3872: the long edge still allows a quarter
    (8, (3872, 2592), 4),
    (3, (3872, 2592), 4),
    (6, (3264, 2448), 2),  # 8 MP: a quarter would be 816 px, short of 960
])
def test_renditions_decode_at_the_smallest_scale_the_largest_one_allows(
        monkeypatch, orientation, stored, scale):
    data = img.jpeg(img.quadrants(*stored), quality=80, exif=img.exif(orientation))
    shown = ImageOps.exif_transpose(img.open_image(img.jpeg(img.quadrants(80, 60),
                                                            exif=img.exif(orientation))))
    drafts = spy_on_drafts(monkeypatch)
    rendered = by_spec(render(data, GRAPH, limits=Limits(max_pixels=12_000_000)))
    assert drafts == [scale]
    info = inspect(data, limits=Limits(max_pixels=12_000_000))
    portrait = info.height > info.width
    assert portrait == (orientation in (6, 8))
    largest = rendered["graph_960"]
    assert max(largest.width, largest.height) == 960
    assert (largest.height > largest.width) == portrait
    for spec in SIZED_GRAPH:
        r = rendered[spec.name]
        size = geometry.plan(spec.operation, info.width, info.height).size
        assert img.open_image(r.data).size == (r.width, r.height) == size, spec.name
        for x, y in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):  # upright
            expected = shown.getpixel((round(x * shown.width), round(y * shown.height)))
            assert img.close_to(img.rgb_at(r.data, x, y), expected), (r.spec, x, y)


# --- metadata -----------------------------------------------------------------------------------
def test_no_rendition_carries_exif_gps_icc_or_comments():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = img.jpeg(img.quadrants(400, 300), exif=img.exif(6, gps=True), icc_profile=srgb,
                  comment=b"secret comment")
    assert img.open_image(data).getexif().get_ifd(0x8825)  # the source has GPS
    sources = [data,
               img.png(img.solid((64, 64), (9, 9, 9, 100), "RGBA"), exif=img.exif(gps=True),
                     icc_profile=srgb),
               img.gif(img.solid((64, 64)), comment=b"gif comment")]
    for source in sources:
        for r in render(source, all_specs()):
            if r.spec == "original":  # the upload cleaned: its orientation and ICC profile only
                assert b"secret" not in r.data and b"gif comment" not in r.data
                assert not img.open_image(r.data).getexif().get_ifd(0x8825)
                assert set(Image.open(io.BytesIO(r.data)).getexif()) <= {0x0112}
                continue
            im = img.open_image(r.data)
            assert not im.getexif(), r.spec
            assert not {"exif", "icc_profile", "comment", "xmp", "dpi"} & set(im.info), im.info
            assert b"Exif" not in r.data and b"secret" not in r.data and b"GPS" not in r.data
            if r.format == "JPEG":
                # SOI then only tables and the frame: no APPn (JFIF, EXIF, ICC, XMP) or COM
                assert not [m for m in img.jpeg_markers(r.data) if 0xE1 <= m <= 0xEF or m == 0xFE]


def test_photos_are_progressive_jpegs_and_thumbnails_baseline():
    rendered = by_spec(render(img.jpeg(Image.effect_noise((1500, 1000), 60).convert("RGB")),
                              [get_spec("graph_960"), get_spec("large"), get_spec("small")]))
    for name in ("graph_960", "large"):
        assert img.open_image(rendered[name].data).info.get("progressive")
        assert 0xC2 in img.jpeg_markers(rendered[name].data)  # SOF2: progressive
    assert 0xC0 in img.jpeg_markers(rendered["small"].data)  # SOF0: baseline


# --- animated GIF and polyglots -----------------------------------------------------------------
def test_an_animated_gif_keeps_its_bytes_as_original_and_frame_one_elsewhere():
    data = img.animated_gif(colours=(img.RED, img.GREEN, img.BLUE), size=(40, 30))
    rendered = by_spec(render(data, specs_for_set("graph")))
    original = rendered.pop("original")
    assert original.data == data
    assert (original.format, original.mime, original.width, original.height) == (
        "GIF", "image/gif", 40, 30)
    assert {r.format for r in rendered.values()} == {"JPEG"}
    assert_all(rendered.values(), img.RED)


def test_an_animated_gif_alone_needs_no_decoding(monkeypatch):
    def no_decoding(*args):
        raise AssertionError("decoded")

    monkeypatch.setattr("photos.imaging.pipeline.decode", no_decoding)
    data = img.animated_gif()
    assert render(data, [get_spec("original")])[0].data == data


@pytest.mark.parametrize("data", [img.gif_html_polyglot_trailing(),
                                  img.gif_html_polyglot_comment()],
                         ids=["html-after-trailer", "html-in-comment"])
def test_a_gif_html_polyglot_loses_its_html(data):
    assert b"<script>" in data
    rendered = render(data, all_specs())
    for r in rendered:
        assert b"<script" not in r.data and b"<html" not in r.data
    assert_all(rendered, img.BLUE)


def test_an_animated_gif_polyglot_keeps_its_frames_but_not_its_html():
    data = img.animated_gif_polyglot()
    original = render(data, [get_spec("original")])[0]
    assert b"<script" not in original.data
    im = Image.open(io.BytesIO(original.data))
    assert im.n_frames == 2
    frames = []
    for n in range(2):
        im.seek(n)
        frames.append(im.convert("RGB").getpixel((5, 5)))
    assert frames == [img.RED, img.GREEN]


# --- crops --------------------------------------------------------------------------------------
def test_a_crop_picks_the_right_pixels_in_every_rendition():
    data = img.png(img.quadrants(400, 400))
    rendered = render(data, all_specs(), crop=Crop(200, 200, 200))  # the bottom-right quadrant
    assert_all(rendered, img.YELLOW)
    original = by_spec(rendered)["original"]  # the crop, encoded at full size
    assert (original.width, original.height, original.format) == (200, 200, "JPEG")


def test_a_crop_outside_the_image_is_refused_with_its_size():
    with pytest.raises(CropOutOfBounds, match="400x300"):
        render(img.jpeg(img.solid((400, 300))), GENERIC, crop=Crop(300, 0, 101))


def test_a_crop_uses_the_coordinates_of_the_oriented_image():
    stored = img.quadrants(80, 40)  # red, green / blue, yellow as stored
    data = img.jpeg(stored, exif=img.exif(6))  # shown 40x80: blue, red / yellow, green
    assert_all(render(data, GENERIC, crop=Crop(0, 0, 20)), img.BLUE)
    assert_all(render(data, GENERIC, crop=Crop(20, 60, 20)), img.GREEN)
    with pytest.raises(CropOutOfBounds, match="40x80"):
        render(data, GENERIC, crop=Crop(30, 0, 20))  # fine in stored coordinates, not shown


def test_a_crop_with_jpeg_draft_decoding_picks_the_right_area(monkeypatch):
    # 8x8 grid of 200 px cells in distinct colours; crop one cell, small renditions only
    palette = [(r, g, b) for r in (0, 255) for g in (0, 128, 255) for b in (0, 255)]
    im = Image.new("RGB", (1600, 1600))
    for row in range(8):
        for col in range(8):
            im.paste(palette[(row * 3 + col) % len(palette)],
                     (col * 200, row * 200, col * 200 + 200, row * 200 + 200))
    data = img.jpeg(im, exif=img.exif(3))  # and upside down, for good measure
    drafts = []
    original_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = original_draft(self, mode, size)
        drafts.append(1600 // self.size[0] if result else 1)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    # displayed cell (row 2, col 5) is stored cell (row 5, col 2) after the 180 degree turn
    rendered = render(data, [get_spec("small"), get_spec("icon")], crop=Crop(1000, 400, 200))
    assert drafts == [2]  # 200 px crop for a 100 px rendition: decoded at 1/2
    assert_all(rendered, palette[(5 * 3 + 2) % len(palette)], tolerance=45)

    drafts.clear()
    rendered = render(data, [get_spec("icon")], crop=Crop(1000, 400, 200))
    assert drafts == [4]
    assert_all(rendered, palette[(5 * 3 + 2) % len(palette)], tolerance=45)


def test_crops_render_from_a_file_object_as_from_bytes():
    data = img.png(img.quadrants(100, 100))
    assert_all(render(io.BytesIO(data), GENERIC, crop=Crop(0, 50, 50)), img.BLUE)


# --- limits -------------------------------------------------------------------------------------
def test_bigger_limits_let_a_big_image_render():
    data = img.jpeg(img.quadrants(3300, 3061), quality=50)
    with pytest.raises(TooManyPixels):
        render(data, GENERIC)
    rendered = by_spec(render(data, GENERIC, limits=Limits(max_pixels=10_200_000)))
    assert img.close_to(img.rgb_at(rendered["original"].data, 0.9, 0.9), img.YELLOW)


# --- other multi-frame files --------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_animated_webp_and_png_render_their_first_frame(fmt):
    frames = [img.solid((40, 30), colour) for colour in (img.GREEN, img.RED, img.BLUE)]
    data = img.encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)
    info = inspect(data)
    assert (info.format, info.frames, info.animated) == (fmt, 3, True)
    rendered = by_spec(render(data, GENERIC))
    original = rendered.pop("original")  # the upload: every frame (a WebP re-encoded losslessly)
    assert original.format == fmt and inspect(original.data).frames == 3
    assert {r.format for r in rendered.values()} == {"JPEG"}
    assert_all([original, *rendered.values()], img.GREEN)


def test_a_camera_mpo_is_one_jpeg_photo():
    frames = [img.solid((40, 30), img.BLUE), img.solid((40, 30), img.RED)]
    data = img.encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    info = inspect(data)
    assert (info.format, info.mime, info.frames, info.animated) == (
        "JPEG", "image/jpeg", 1, False)
    assert_all(render(data, GENERIC), img.BLUE)


def test_png_orientation_comes_from_an_exif_chunk_before_the_pixels_only():
    stored = img.quadrants(80, 40, colours=(img.RED, img.WHITE, img.WHITE, img.WHITE))
    before = img.png(stored, exif=img.exif(6))
    assert before.index(b"eXIf") < before.index(b"IDAT")
    out = render(before, [get_spec("original")])[0]
    assert (out.width, out.height) == (40, 80) == (inspect(before).width, inspect(before).height)
    assert img.close_to(img.rgb_at(out.data, 0.75, 0.25), img.RED)

    plain = img.png(stored)
    iend = plain.index(b"IEND") - 4
    after = plain[:iend] + img.png_chunk(b"eXIf", img.exif(6).tobytes()) + plain[iend:]
    out = render(after, [get_spec("original")])[0]  # consistent with inspect: not turned
    assert (out.width, out.height) == (80, 40) == (inspect(after).width, inspect(after).height)
    assert img.close_to(img.rgb_at(out.data, 0.25, 0.25), img.RED)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_with_draft_decoding_matches_pillows_exif_transpose(orientation):
    data = img.jpeg(img.quadrants(1601, 1203), exif=img.exif(orientation))  # odd sizes
    reference = ImageOps.exif_transpose(img.open_image(data)).convert("RGB")
    out = render(data, [get_spec("graph_180")])[0]  # 1/8 draft
    assert (out.width, out.height) == (
        (180, 135) if reference.width > reference.height else (135, 180))
    for x, y in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        expected = reference.getpixel((round(x * reference.width), round(y * reference.height)))
        assert img.close_to(img.rgb_at(out.data, x, y), expected), (orientation, x, y)


# --- fuzzing: damaged files raise domain errors, never Pillow's ----------------------------------
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "BMP", "WEBP"])
def test_damaged_files_fail_only_with_domain_errors(fmt):
    source = img.quadrants(48, 32)
    data = img.encode(source if fmt != "GIF" else source.convert("P"), fmt)
    rnd = random.Random(fmt)
    for attempt in range(60):
        damaged = bytearray(data)
        if attempt % 3 == 0:
            damaged = damaged[:rnd.randrange(1, len(data))]
        else:
            for _ in range(rnd.randrange(1, 6)):
                damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            render(bytes(damaged), GENERIC)
        except ImageError:
            pass
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
