"""The imaging pipeline: pure Python and Pillow, no Django.

Bytes or a binary file object in, facts (``inspect``) and encoded renditions (``render``) out;
errors are the domain errors of ``photos.errors``.
"""

from .geometry import check_crop
from .pipeline import render
from .sniff import inspect
from .specs import SETS, SPECS, Spec, get_spec, specs_for_set
from .values import (
    DEFAULT_LIMITS,
    FORMATS,
    Crop,
    Format,
    ImageInfo,
    Limits,
    Rendered,
    mime_types,
    names_with_aliases,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "SETS",
    "SPECS",
    "Crop",
    "Format",
    "ImageInfo",
    "Limits",
    "Rendered",
    "Spec",
    "check_crop",
    "get_spec",
    "inspect",
    "mime_types",
    "names_with_aliases",
    "render",
    "specs_for_set",
]
