"""render(): one decode, then every rendition in a cascade, largest first."""

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from PIL import Image

from photos.errors import CorruptImage

from . import geometry, gif, transform
from .decode import decode
from .encode import encode, output_format
from .sniff import Source, open_image, opened
from .specs import Original, Spec
from .values import DEFAULT_LIMITS, MIME_TYPES, Crop, ImageInfo, Limits, Rendered


def render(source: Source, specs: Sequence[Spec], crop: Crop | None = None,
           limits: Limits = DEFAULT_LIMITS) -> list[Rendered]:
    """The renditions ``specs`` of an image, in that order.

    Refuses what ``inspect`` refuses, plus CropOutOfBounds and CorruptImage (damaged pixel data).
    ``crop`` is a square of the image as displayed; every rendition shows only it. An animated
    GIF keeps its own bytes (see ``gif.clean``) for an ``original-`` spec and shows its first
    frame in every other rendition.
    """
    specs = list(specs)
    for spec in specs:
        if not isinstance(spec, Spec):
            raise TypeError(f"render() takes Spec objects, not {spec!r}")
    results: list[Rendered | None] = [None] * len(specs)
    with opened(source, limits) as (fp, size), open_image(fp, size, limits) as (im, info):
        if crop is not None:
            geometry.check_crop(info, crop)
            region = geometry.Plan((crop.x, crop.y, crop.x + crop.size, crop.y + crop.size),
                                   (crop.size, crop.size))
        else:
            region = geometry.Plan((0, 0, info.width, info.height), (info.width, info.height))
        as_uploaded = [i for i, spec in enumerate(specs)
                       if info.format == "GIF" and info.animated
                       and isinstance(spec.operation, Original)]
        plans = {i: geometry.plan(spec.operation, *region.size, region.box[:2])
                 for i, spec in enumerate(specs) if i not in as_uploaded}
        image, scale = None, 1
        if plans:
            scale = geometry.draft_scale(list(plans.values())) if info.format == "JPEG" else 1
            image, scale = decode(im, info, scale)
        for i in as_uploaded:
            results[i] = _gif_as_uploaded(fp, specs[i], info)
    del im
    if plans:
        made = _cascade(image, scale, region, plans)
        del image  # the cascade owns the decoded picture and drops it once it is used
        for i, data, fmt in made:
            width, height = plans[i].size
            results[i] = Rendered(spec=specs[i].name, data=data, format=fmt,
                                  mime=MIME_TYPES[fmt], width=width, height=height)
    return results


def _cascade(image: Image.Image, scale: int, region: geometry.Plan,
             plans: dict[int, geometry.Plan]) -> Iterator[tuple[int, bytes, str]]:
    """Yield (index, encoded bytes, format) for each plan, each made from the smallest image
    already made that covers it; an image is dropped once nothing more is made from it."""
    icc_profile = image.info.get("icc_profile")
    image = transform.to_srgb(transform.normalize(image, keep_cmyk=bool(icc_profile)),
                              icc_profile)
    base = geometry.Plan((0, 0, image.width * scale, image.height * scale), image.size)
    transparent = transform.has_transparency(image, geometry.within(base, region.box))
    fmt = output_format(transparent)
    made = {-1: image if transparent else transform.flatten(image)}
    del image
    layers = {-1: base}
    indexes = list(plans)
    steps = geometry.cascade(base, [plans[i] for i in indexes])
    last_use = {parent: n for n, (_, parent) in enumerate(steps)}
    for n, (k, parent) in enumerate(steps):
        plan = plans[indexes[k]]
        out = transform.resize(made[parent], layers[parent], plan)
        if last_use[parent] == n:
            del made[parent]
        if k in last_use:
            made[k], layers[k] = out, plan
        yield indexes[k], encode(out, fmt), fmt


def _gif_as_uploaded(fp: BinaryIO, spec: Spec, info: ImageInfo) -> Rendered:
    fp.seek(0)
    try:
        data = gif.clean(fp.read())
    except gif.GifStructureError as exc:
        raise CorruptImage(f"The GIF is damaged: {exc}.") from exc
    return Rendered(spec=spec.name, data=data, format="GIF", mime="image/gif",
                    width=info.width, height=info.height)
