"""Rendition specs: a name and a short operation string that parses, Wagtail style, to a small
operation object and fails at parse time (``fill-250x250``, ``width-200``, ``max-960x960``,
``original``). ``SPECS`` is the one registry every dialect reads its sizes from."""

import re
from dataclasses import dataclass

MAX_DIMENSION = 10_000  # no rendition is wider or taller; a typo such as 25000 fails at parse


@dataclass(frozen=True)
class Fill:
    """Cover the box then centre-crop to exactly width x height (smaller sources: the largest
    centred crop of that aspect, unscaled)."""

    width: int
    height: int

    def __str__(self) -> str:
        return f"fill-{self.width}x{self.height}"


@dataclass(frozen=True)
class Width:
    """Proportional, ``width`` wide."""

    width: int

    def __str__(self) -> str:
        return f"width-{self.width}"


@dataclass(frozen=True)
class Max:
    """Proportional, fitting inside width x height."""

    width: int
    height: int

    def __str__(self) -> str:
        return f"max-{self.width}x{self.height}"


@dataclass(frozen=True)
class Original:
    """The upload itself at its own size, cleaned losslessly of what the picture does not need
    (``pipeline.render``); only a cropped or unwalkable upload is encoded, at full size."""

    def __str__(self) -> str:
        return "original"


Operation = Fill | Width | Max | Original

_NUMBER = r"[1-9][0-9]{0,4}"
_BOXED = {"fill": Fill, "max": Max}
_BOX_RE = re.compile(rf"(fill|max)-({_NUMBER})x({_NUMBER})")
_WIDTH_RE = re.compile(rf"width-({_NUMBER})")
_NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")  # part of file names and database keys


def parse_operation(string: str) -> Operation:
    """``"fill-250x250"`` -> ``Fill(250, 250)``; ValueError for anything else."""
    if not isinstance(string, str):
        raise ValueError(f"a rendition spec is a string, not {type(string).__name__}")
    if string == "original":
        return Original()
    if match := _BOX_RE.fullmatch(string):
        operation = _BOXED[match[1]](int(match[2]), int(match[3]))
    elif match := _WIDTH_RE.fullmatch(string):
        operation = Width(int(match[1]))
    else:
        raise ValueError(
            f"invalid rendition spec {string!r}: expected fill-WxH, width-W or max-WxH "
            "with whole numbers of pixels, or original")
    if max(vars(operation).values()) > MAX_DIMENSION:
        raise ValueError(f"invalid rendition spec {string!r}: sides are at most {MAX_DIMENSION}")
    return operation


@dataclass(frozen=True)
class Spec:
    """A named rendition. ``str(spec)`` is the operation string, stored with each rendition so
    that changing a definition marks its renditions stale."""

    name: str
    operation: Operation

    @classmethod
    def parse(cls, name: str, string: str) -> "Spec":
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            raise ValueError(
                f"invalid rendition name {name!r}: lowercase letters, digits and _, "
                "starting with a letter, at most 40 characters")
        return cls(name, parse_operation(string))

    def __str__(self) -> str:
        return str(self.operation)


# The delivered "original" is the upload at its own size, cleaned losslessly (see
# ``pipeline.render``). Its spec string was ``original-1280x1280`` when it was a bounded JPEG
# re-encode: renditions recorded under that string are stale, and ``rerender_photos`` replaces
# them (until then they are served as they are).
SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec.parse("original", "original"),
        # generic photo API
        Spec.parse("large", "fill-250x250"),
        Spec.parse("small", "fill-100x100"),
        Spec.parse("icon", "fill-32x32"),
        # Salesforce Chatter
        Spec.parse("chatter_large", "width-200"),
        Spec.parse("chatter_medium", "width-160"),
        Spec.parse("chatter_small", "fill-64x64"),
        # Facebook Graph API (2013): long edge
        Spec.parse("graph_960", "max-960x960"),
        Spec.parse("graph_720", "max-720x720"),
        Spec.parse("graph_480", "max-480x480"),
        Spec.parse("graph_320", "max-320x320"),
        Spec.parse("graph_180", "max-180x180"),
        Spec.parse("graph_130", "max-130x130"),
        Spec.parse("graph_75", "max-75x75"),
    )
}

_GENERIC = ("original", "large", "small", "icon")
SETS: dict[str, tuple[str, ...]] = {
    "generic": _GENERIC,
    "zoho": _GENERIC,
    "chatter": (*_GENERIC, "chatter_large", "chatter_medium", "chatter_small"),
    "graph": (*_GENERIC, "graph_960", "graph_720", "graph_480", "graph_320", "graph_180",
              "graph_130", "graph_75"),
}


def get_spec(name: str) -> Spec:
    try:
        return SPECS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown rendition spec {name!r}") from None


def specs_for_set(name: str) -> list[Spec]:
    try:
        names = SETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown rendition set {name!r}; known: {', '.join(SETS)}") from None
    return [SPECS[spec] for spec in names]
