"""Geometry without pixels: sizes, boxes, draft scale, cascade, crop checks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from photos.errors import CropOutOfBounds
from photos.imaging import Crop, ImageInfo, check_crop, get_spec, specs_for_set
from photos.imaging.geometry import (
    Plan,
    cascade,
    covers,
    draft_scale,
    fill,
    fit,
    plan,
    scale_of,
    within,
)
from photos.imaging.specs import Fill, Max, Original, Width

sides = st.integers(min_value=1, max_value=20_000)
targets = st.integers(min_value=1, max_value=2_000)


def box_size(p: Plan) -> tuple[float, float]:
    left, top, right, bottom = p.box
    return right - left, bottom - top


# --- fill ---------------------------------------------------------------------------------------
def test_fill_covers_then_centre_crops_a_landscape_source():
    p = fill(400, 200, 100, 100)
    assert p.size == (100, 100)
    assert p.box == (100, 0, 300, 200)


def test_fill_of_a_portrait_source_keeps_the_width_and_crops_height():
    p = fill(300, 900, 100, 50)
    assert p.size == (100, 50)
    assert p.box == (0, 375, 300, 525)


def test_fill_never_upscales_a_small_source_but_takes_its_largest_centred_crop():
    assert fill(20, 10, 250, 250) == Plan((5, 0, 15, 10), (10, 10))
    assert fill(300, 100, 250, 250).size == (100, 100)
    assert fill(400, 200, 250, 250) == Plan((100, 0, 300, 200), (200, 200))
    assert fill(200, 300, 250, 100).size == (200, 80)


@given(sides, sides, targets, targets)
def test_fill_is_exactly_the_target_or_the_bounded_crop_and_never_upscales(w, h, tw, th):
    p = fill(w, h, tw, th)
    bw, bh = box_size(p)
    assert p.box[0] >= 0 and p.box[1] >= 0 and p.box[2] <= w + 1e-6 and p.box[3] <= h + 1e-6
    assert p.size[0] <= bw + 1e-6 and p.size[1] <= bh + 1e-6  # never upscaled
    if w * th >= tw * h and h >= th or w * th <= tw * h and w >= tw:  # big enough to cover
        assert p.size == (tw, th)
    else:
        assert p.size[0] <= min(w, tw) and p.size[1] <= min(h, th)
        assert p.size == (bw, bh)  # unscaled: a copy of whole pixels
        # the largest crop of the target's aspect: one side is the source's, aspect within 1px
        assert p.size[0] == w or p.size[1] == h
        assert abs(p.size[0] * th - p.size[1] * tw) <= max(tw, th)
    # centred, within a pixel
    assert abs(p.box[0] - (w - p.box[2])) <= 1 and abs(p.box[1] - (h - p.box[3])) <= 1


# --- max / width / original --------------------------------------------------------------------
def test_max_fits_the_long_edge():
    assert fit(3872, 2592, 960, 960).size == (960, 643)
    assert fit(2592, 3872, 960, 960).size == (643, 960)
    assert fit(20, 10, 960, 960).size == (20, 10)


@given(sides, sides, targets, targets)
def test_max_fits_inside_the_box_keeps_aspect_and_never_upscales(w, h, mw, mh):
    p = fit(w, h, mw, mh)
    ow, oh = p.size
    assert 1 <= ow <= min(w, mw) and 1 <= oh <= min(h, mh)
    assert p.box == (0, 0, w, h)
    assert ow == min(w, mw) or oh == min(h, mh)  # as large as the box allows
    # proportional: each side within a pixel of the exactly scaled side (at least 1 px)
    scale = min(mw / w, mh / h, 1)
    assert abs(ow - max(1, w * scale)) <= 1 and abs(oh - max(1, h * scale)) <= 1


def test_width_is_proportional_and_never_upscales():
    assert plan(Width(200), 1000, 500).size == (200, 100)
    assert plan(Width(200), 100, 500).size == (100, 500)


def test_original_is_the_whole_region_at_its_own_size():
    assert plan(Original(), 3872, 2592) == Plan((0, 0, 3872, 2592), (3872, 2592))
    assert plan(Original(), 400, 400, origin=(50, 60)) == Plan((50, 60, 450, 460), (400, 400))


def test_a_plan_for_a_crop_region_is_placed_at_the_crop():
    p = plan(Fill(100, 100), 400, 400, origin=(50, 60))
    assert p == Plan((50, 60, 450, 460), (100, 100))
    assert plan(Max(10, 10), 40, 40, origin=(5, 5)).box == (5, 5, 45, 45)


# --- draft scale -------------------------------------------------------------------------------
def test_draft_scale_is_as_large_as_the_largest_rendition_allows():
    # the original is cleaned, not rendered (pipeline.render): the sized renditions decide
    big = [plan(s.operation, 3872, 2592) for s in specs_for_set("graph")
           if not isinstance(s.operation, Original)]
    assert draft_scale(big) == 4  # graph_960 needs 3872/4 = 968 >= 960
    assert draft_scale([plan(Fill(250, 250), 3872, 2592)]) == 8
    assert draft_scale([plan(Max(960, 960), 3872, 2592)]) == 4
    assert draft_scale([plan(Max(2048, 2048), 3872, 2592)]) == 1
    assert draft_scale([plan(Max(968, 968), 3872, 2592)]) == 4  # exactly a quarter
    assert draft_scale([plan(Max(969, 969), 3872, 2592)]) == 2
    assert draft_scale([]) == 1


def test_the_decode_scale_follows_the_largest_rendered_size_as_displayed():
    # issue 13: the original is the cleaned upload, so the sized renditions alone decide
    sized = [s for s in specs_for_set("graph") if not isinstance(s.operation, Original)]

    def scale(width: int, height: int) -> int:  # width x height as displayed
        return draft_scale([plan(s.operation, width, height) for s in sized])

    assert scale(3872, 2592) == 4  # 960 from 3872: 3872/4 = 968 >= 960
    assert scale(2592, 3872) == 4  # the same photo turned by its EXIF orientation
    # an 8 MP photo (3264 px) stays at 1/2 whichever way it is turned: 3264/4 = 816 px would
    # have to be upscaled to 960, and JPEG DCT scaling offers nothing between 1/2 and 1/4
    assert scale(3264, 2448) == scale(2448, 3264) == 2
    assert scale(4032, 3024) == scale(3024, 4032) == 4  # a 12 MP phone photo
    assert scale(6000, 4000) == 4  # 24 MP: 6000/8 = 750 < 960
    assert draft_scale([plan(s.operation, 3872, 2592) for s in specs_for_set("generic")
                        if not isinstance(s.operation, Original)]) == 8  # 250 from 2592/8


def test_draft_scale_accounts_for_the_crop():
    # a 600 px crop shown at 250: the crop may be decoded at 1/2, not at 1/8 as the image could
    cropped = plan(Fill(250, 250), 600, 600, origin=(1000, 1000))
    assert draft_scale([cropped]) == 2


@given(st.lists(st.tuples(sides, sides, st.sampled_from(list(specs_for_set("graph")))),
                min_size=1, max_size=5))
def test_a_draft_never_leaves_a_rendition_short_of_pixels(cases):
    plans = [plan(spec.operation, w, h) for w, h, spec in cases]
    s = draft_scale(plans)
    for p in plans:
        bw, bh = box_size(p)
        assert p.size[0] <= bw / s + 1e-6 and p.size[1] <= bh / s + 1e-6


# --- cascade ------------------------------------------------------------------------------------
def test_the_cascade_makes_each_rendition_from_the_previous_larger_one():
    specs = specs_for_set("graph")
    plans = [plan(s.operation, 3872, 2592) for s in specs]
    base = Plan((0, 0, 3872, 2592), (1936, 1296))  # decoded at 1/2
    steps = cascade(base, plans)
    made_from = {specs[i].name: (specs[p].name if p >= 0 else "decoded") for i, p in steps}
    assert [specs[i].name for i, _ in steps][:2] == ["original", "graph_960"]
    assert made_from == {
        "original": "decoded", "graph_960": "original", "graph_720": "graph_960",
        "graph_480": "graph_720", "large": "graph_480", "graph_320": "graph_480",
        "graph_180": "graph_320", "graph_130": "graph_180", "graph_75": "graph_130",
        # the smallest image made so far that still covers the centre square sharply enough
        "small": "graph_180", "icon": "graph_75",
    }


def test_a_rendition_is_never_made_from_a_smaller_or_narrower_image():
    plans = [plan(Max(100, 100), 1000, 500), plan(Fill(90, 90), 1000, 500)]
    steps = cascade(Plan((0, 0, 1000, 500), (1000, 500)), plans)
    # the fill needs 90 px of height from 500 source pixels; max-100 has only 50: from base
    assert dict(steps) == {0: -1, 1: -1}


def test_covers_requires_the_box_and_the_resolution():
    layer = Plan((0, 0, 100, 100), (50, 50))
    assert covers(layer, Plan((10, 10, 90, 90), (40, 40)))
    assert not covers(layer, Plan((10, 10, 90, 90), (41, 41)))
    assert not covers(layer, Plan((-1, 10, 90, 90), (10, 10)))


def test_within_maps_source_coordinates_into_an_image():
    layer = Plan((100, 100, 300, 300), (50, 50))
    assert within(layer, (100, 100, 300, 300)) == (0, 0, 50, 50)
    assert within(layer, (200, 140, 260, 300)) == (25, 10, 40, 50)
    assert scale_of(layer) == (0.25, 0.25)


# --- crop checks ------------------------------------------------------------------------------
INFO = ImageInfo(format="JPEG", mime="image/jpeg", width=400, height=300, frames=1,
                 animated=False, has_alpha=False, byte_size=1000)


@pytest.mark.parametrize("crop", [Crop(0, 0, 300), Crop(100, 0, 300), Crop(399, 299, 1),
                                  Crop(50, 50, 10)])
def test_a_crop_inside_the_image_passes(crop):
    check_crop(INFO, crop)


@pytest.mark.parametrize("crop", [Crop(0, 0, 0), Crop(0, 0, -5), Crop(-1, 0, 10),
                                  Crop(0, -1, 10), Crop(101, 0, 300), Crop(0, 1, 300),
                                  Crop(400, 0, 1), Crop(0, 0, 401), Crop(1.5, 0, 10),
                                  Crop(True, 0, 10)])
def test_a_crop_leaving_the_image_is_refused_with_the_image_size(crop):
    with pytest.raises(CropOutOfBounds, match="400x300"):
        check_crop(INFO, crop)


def test_spec_geometry_reads_from_the_registry():
    assert plan(get_spec("chatter_large").operation, 640, 480).size == (200, 150)
