import pytest

from photos.imaging import SETS, SPECS, Spec, get_spec, specs_for_set
from photos.imaging.specs import Fill, Max, Original, Width


@pytest.mark.parametrize(("string", "operation"), [
    ("fill-250x250", Fill(250, 250)),
    ("fill-64x32", Fill(64, 32)),
    ("width-200", Width(200)),
    ("max-960x960", Max(960, 960)),
    ("original", Original()),
    ("max-10000x1", Max(10000, 1)),
])
def test_a_spec_string_parses_to_its_operation_and_prints_back(string, operation):
    spec = Spec.parse("thumb", string)
    assert spec.operation == operation
    assert str(spec) == string


@pytest.mark.parametrize("string", [
    "", "fill", "fill-", "fill-250", "fill-250x", "fill-x250", "fill-0x250", "fill-250x0",
    "fill--1x250", "fill-250x250x1", "Fill-250x250", "fill-250X250", " fill-250x250",
    "fill-250x250 ", "fill-025x250", "fill-2.5x250", "width-0", "width-200x100", "max-960",
    "original-1280x1280", "Original", "original-", "crop-100x100", "scale-50", "fill-10001x10",
    "width-99999", "fill-250x250|",
    "max-１x1",
])
def test_an_invalid_spec_string_fails_at_parse_time(string):
    with pytest.raises(ValueError, match="spec"):
        Spec.parse("thumb", string)


@pytest.mark.parametrize("name", ["", "Large", "1large", "large-1", "large photo", "a" * 41,
                                  "../x", None])
def test_an_invalid_spec_name_fails_at_parse_time(name):
    with pytest.raises(ValueError, match="name"):
        Spec.parse(name, "fill-10x10")


def test_a_non_string_spec_fails_with_value_error():
    with pytest.raises(ValueError):
        Spec.parse("thumb", 250)


def test_the_registry_holds_every_size_the_dialects_use():
    assert {name: str(spec) for name, spec in SPECS.items()} == {
        "original": "original",
        "large": "fill-250x250", "small": "fill-100x100", "icon": "fill-32x32",
        "chatter_large": "width-200", "chatter_medium": "width-160",
        "chatter_small": "fill-64x64",
        "graph_960": "max-960x960", "graph_720": "max-720x720", "graph_480": "max-480x480",
        "graph_320": "max-320x320", "graph_180": "max-180x180", "graph_130": "max-130x130",
        "graph_75": "max-75x75",
    }
    assert all(spec.name == name for name, spec in SPECS.items())


def test_sets_name_registered_specs_and_build_on_the_generic_set():
    generic = ("original", "large", "small", "icon")
    assert SETS["generic"] == generic
    assert SETS["zoho"] == generic
    assert SETS["chatter"] == (*generic, "chatter_large", "chatter_medium", "chatter_small")
    assert SETS["graph"][:4] == generic
    assert set(SETS["graph"][4:]) == {n for n in SPECS if n.startswith("graph_")}
    for names in SETS.values():
        assert set(names) <= set(SPECS)


def test_specs_for_set_returns_the_spec_objects_in_order():
    assert [s.name for s in specs_for_set("chatter")] == list(SETS["chatter"])
    assert all(isinstance(s, Spec) for s in specs_for_set("graph"))


def test_unknown_names_raise_value_error_not_key_error():
    with pytest.raises(ValueError, match="nope"):
        get_spec("nope")
    with pytest.raises(ValueError, match="nope"):
        specs_for_set("nope")
    assert get_spec("large") is SPECS["large"]


def test_specs_are_immutable_values():
    spec = get_spec("large")
    assert spec == Spec.parse("large", "fill-250x250")
    with pytest.raises(AttributeError):
        spec.name = "other"
