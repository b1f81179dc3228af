"""The imaging pipeline: pure Python and Pillow, no Django.

Bytes or a binary file object in, facts (``inspect``) and encoded renditions (``render``) out;
errors are the domain errors of ``photos.errors``.
"""

from .geometry import check_crop
from .pipeline import render
from .sniff import inspect
from .specs import SETS, SPECS, Spec, get_spec, specs_for_set
from .values import DEFAULT_LIMITS, Crop, ImageInfo, Limits, Rendered

__all__ = [
    "DEFAULT_LIMITS",
    "SETS",
    "SPECS",
    "Crop",
    "ImageInfo",
    "Limits",
    "Rendered",
    "Spec",
    "check_crop",
    "get_spec",
    "inspect",
    "render",
    "specs_for_set",
]
