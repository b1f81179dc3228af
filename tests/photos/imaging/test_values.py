"""The engine's table of formats and its limits: the one mapping every dialect names a subset of."""

import pytest

from photos.imaging import FORMATS, Limits, mime_types, names_with_aliases


def test_a_dialect_names_its_formats_and_gets_their_mime_types():
    assert mime_types(("JPEG", "PNG", "GIF")) == {"image/jpeg", "image/png", "image/gif"}
    assert mime_types(()) == frozenset()


def test_a_format_the_engine_does_not_read_is_refused_when_named():
    with pytest.raises(KeyError):
        mime_types(("PNG", "TIFF"))


def test_aliases_follow_their_format_in_the_callers_order():
    assert names_with_aliases(("PNG", "JPEG", "GIF", "BMP")) == ["PNG", "JPEG", "JPG", "GIF",
                                                                  "BMP"]


def test_every_format_has_its_own_mime_type_and_extension():
    assert len({f.mime for f in FORMATS.values()}) == len(FORMATS)
    assert len({f.extension for f in FORMATS.values()}) == len(FORMATS)
    assert all(name == f.name for name, f in FORMATS.items())


def test_at_most_keeps_the_smaller_of_each_limit():
    ours = Limits(max_bytes=100, max_pixels=5_000)
    theirs = Limits(max_bytes=50, max_pixels=9_000)
    assert ours.at_most(theirs) == Limits(max_bytes=50, max_pixels=5_000)
    assert theirs.at_most(ours) == Limits(max_bytes=50, max_pixels=5_000)
