"""Geometry apart from pixels: output sizes, the part of the source each rendition shows, the JPEG
draft scale and the resize cascade. Pure functions on numbers, tested without images.

Coordinates are those of the oriented source image at full resolution (as displayed), boxes are
``(left, top, right, bottom)`` floats, as Pillow's ``resize(box=...)`` takes them.
"""

import math
from dataclasses import dataclass

from photos.errors import CropOutOfBounds

from .specs import Fill, Max, Operation, Original, Width
from .values import Crop, ImageInfo

Box = tuple[float, float, float, float]
DRAFT_SCALES = (8, 4, 2, 1)  # what JPEG DCT scaling offers through Pillow's draft()
_EPSILON = 1e-9


def _round(value: float) -> int:
    return math.floor(value + 0.5)


@dataclass(frozen=True)
class Plan:
    """What one rendition shows (``box``, source coordinates) and its size in pixels."""

    box: Box
    size: tuple[int, int]


def _centred(width: float, height: float, box_width: float, box_height: float) -> Box:
    left, top = (width - box_width) / 2, (height - box_height) / 2
    return (left, top, left + box_width, top + box_height)


def fill(width: int, height: int, target_width: int, target_height: int) -> Plan:
    """Cover then centre-crop to exactly the target; never upscaled: a source too small for the
    target gives the largest centred crop of the target's aspect, unscaled."""
    if target_width * height >= target_height * width:  # source relatively taller: keep width
        box_width, box_height = width, target_height * width / target_width
    else:
        box_width, box_height = target_width * height / target_height, height
    if box_width >= target_width * (1 - _EPSILON) and box_height >= target_height * (1 - _EPSILON):
        return Plan(_centred(width, height, box_width, box_height), (target_width, target_height))
    out = (min(width, max(1, _round(box_width))), min(height, max(1, _round(box_height))))
    # whole-pixel offsets so the unscaled crop is a copy, not a half-pixel resample
    left, top = (width - out[0]) // 2, (height - out[1]) // 2
    return Plan((left, top, left + out[0], top + out[1]), out)


def fit(width: int, height: int, max_width: int, max_height: int) -> Plan:
    """Proportional, inside the box, never upscaled."""
    scale = min(max_width / width, max_height / height, 1.0)
    out = (min(max_width, max(1, _round(width * scale))),
           min(max_height, max(1, _round(height * scale))))
    return Plan((0, 0, width, height), out)


def plan(operation: Operation, width: int, height: int, origin: tuple[int, int] = (0, 0)) -> Plan:
    """The plan of ``operation`` for a ``width`` x ``height`` region whose top-left corner is at
    ``origin`` in the source (a crop square, or the whole image at (0, 0))."""
    if isinstance(operation, Fill):
        result = fill(width, height, operation.width, operation.height)
    elif isinstance(operation, Width):
        result = fit(width, height, operation.width, height)
    elif isinstance(operation, Max):
        result = fit(width, height, operation.width, operation.height)
    elif isinstance(operation, Original):  # the whole region at its own size
        result = Plan((0, 0, width, height), (width, height))
    else:
        raise TypeError(f"not an operation: {operation!r}")
    left, top, right, bottom = result.box
    x, y = origin
    return Plan((left + x, top + y, right + x, bottom + y), result.size)


def scale_of(plan: Plan) -> tuple[float, float]:
    """Output pixels per source pixel."""
    left, top, right, bottom = plan.box
    return plan.size[0] / (right - left), plan.size[1] / (bottom - top)


def draft_scale(plans: list[Plan]) -> int:
    """The largest JPEG DCT divisor that still leaves every rendition at least its own size, so
    the decoder does most of the shrinking and nothing is ever upscaled afterwards."""
    needed = max((max(scale_of(p)) for p in plans), default=1.0)
    return next(s for s in DRAFT_SCALES if s * needed <= 1.0 + _EPSILON)


def covers(layer: Plan, target: Plan) -> bool:
    """Whether ``layer`` (an image already made) shows all of ``target`` at no lower resolution."""
    lx0, ly0, lx1, ly1 = layer.box
    tx0, ty0, tx1, ty1 = target.box
    slack = _EPSILON * max(lx1 - lx0, ly1 - ly0)
    if tx0 < lx0 - slack or ty0 < ly0 - slack or tx1 > lx1 + slack or ty1 > ly1 + slack:
        return False
    (lsx, lsy), (tsx, tsy) = scale_of(layer), scale_of(target)
    return lsx >= tsx * (1 - 1e-6) and lsy >= tsy * (1 - 1e-6)


def cascade(base: Plan, plans: list[Plan]) -> list[tuple[int, int]]:
    """The order to make ``plans`` in and, for each, which image to make it from: ``(i, parent)``
    with ``parent`` -1 for ``base`` (the decoded image) or the index of a plan made before. Largest
    first, each from the smallest image already made that covers it, so every resize starts from
    the previous, larger result rather than from the full image."""
    order = sorted(range(len(plans)), key=lambda i: -plans[i].size[0] * plans[i].size[1])
    made: list[int] = []
    steps = []
    for i in order:
        candidates = [j for j in made if covers(plans[j], plans[i])]
        parent = min(candidates, key=lambda j: plans[j].size[0] * plans[j].size[1], default=-1)
        steps.append((i, parent))
        made.append(i)
    return steps


def within(layer: Plan, box: Box) -> Box:
    """``box`` (source coordinates) in the pixel coordinates of the image ``layer`` describes."""
    lx0, ly0, _, _ = layer.box
    sx, sy = scale_of(layer)
    left, top, right, bottom = box
    width, height = layer.size
    return (max(0.0, (left - lx0) * sx), max(0.0, (top - ly0) * sy),
            min(float(width), (right - lx0) * sx), min(float(height), (bottom - ly0) * sy))


def check_crop(info: ImageInfo, crop: Crop) -> None:
    """Raise CropOutOfBounds unless the crop square lies inside the oriented image."""
    size = f"{info.width}x{info.height}"
    values = (crop.x, crop.y, crop.size)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise CropOutOfBounds(f"The crop must be given in whole pixels of the {size} image.")
    if crop.size <= 0:
        raise CropOutOfBounds(f"The crop size must be positive (the image is {size}).")
    if crop.x < 0 or crop.y < 0:
        raise CropOutOfBounds(f"The crop must start inside the {size} image, not at "
                              f"({crop.x}, {crop.y}).")
    if crop.x + crop.size > info.width or crop.y + crop.size > info.height:
        raise CropOutOfBounds(
            f"The {crop.size}px crop square at ({crop.x}, {crop.y}) leaves the {size} image.")
