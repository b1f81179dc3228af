"""render(): one decode, then every rendition in a cascade, largest first."""

import io
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from PIL import Image, ImageOps

from photos.errors import CorruptImage

from . import geometry, gif, jpeg, png, transform
from .decode import decode
from .encode import encode, output_format
from .sniff import PIL_ERRORS, Source, open_image, opened
from .specs import Original, Spec
from .values import DEFAULT_LIMITS, MIME_TYPES, Crop, ImageInfo, Limits, Rendered


def render(source: Source, specs: Sequence[Spec], crop: Crop | None = None,
           limits: Limits = DEFAULT_LIMITS) -> list[Rendered]:
    """The renditions ``specs`` of an image, in that order.

    Refuses what ``inspect`` refuses, plus CropOutOfBounds and CorruptImage (damaged pixel data).
    ``crop`` is a square of the image as displayed; every rendition shows only it.

    The ``original`` spec (``Original``) is the upload itself, cleaned losslessly
    (``_as_uploaded``): its picture byte for byte, its own format and size. Only a cropped
    upload, or one whose structure the cleaner refuses, gets an encoded original: the crop (or
    the whole image) at full size, made like every other rendition. An animated GIF shows its
    first frame in every other rendition.
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
        as_uploaded, original = [], None
        if crop is None and any(isinstance(spec.operation, Original) for spec in specs):
            original = _as_uploaded(fp, info)  # None: encode it instead
            if original is not None:
                as_uploaded = [i for i, spec in enumerate(specs)
                               if isinstance(spec.operation, Original)]
        plans = {i: geometry.plan(spec.operation, *region.size, region.box[:2])
                 for i, spec in enumerate(specs) if i not in as_uploaded}
        image, scale = None, 1
        if plans:
            scale = geometry.draft_scale(list(plans.values())) if info.format == "JPEG" else 1
            image, scale = decode(im, info, scale)
        for i in as_uploaded:
            data, fmt = original
            results[i] = Rendered(spec=specs[i].name, data=data, format=fmt,
                                  mime=MIME_TYPES[fmt], width=info.width, height=info.height)
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


_CLEANERS = {
    "JPEG": (jpeg.clean, jpeg.JpegStructureError),
    "PNG": (png.clean, png.PngStructureError),
    "GIF": (gif.clean, gif.GifStructureError),
}


def _as_uploaded(fp: BinaryIO, info: ImageInfo) -> tuple[bytes, str] | None:
    """The original as delivered: ``(bytes, format)``, or None when it must be encoded instead.

    JPEG, PNG and GIF are cleaned losslessly (``jpeg.clean``, ``png.clean``, ``gif.clean``): the
    compressed picture byte for byte, without metadata (GPS, text, thumbnails, XMP...) or
    anything after its end; a JPEG or PNG keeps its ICC profile and its EXIF orientation as the
    only EXIF tag (not a lossless rotation: that rewrites every coefficient and is exact only
    for whole MCUs), so it displays upright at the size reported for the upload. A structure a
    cleaner refuses gives None: the caller encodes it, so what is served is still only an image.
    BMP and WebP are re-encoded losslessly (``_lossless``)."""
    fp.seek(0)
    data = fp.read()
    if info.format in _CLEANERS:
        clean, refused = _CLEANERS[info.format]
        try:
            return clean(data), info.format
        except refused:
            return None
    return _lossless(data, info)


def _lossless(data: bytes, info: ImageInfo) -> tuple[bytes, str]:
    """A BMP or WebP re-encoded without loss and without metadata, turned as displayed (its
    EXIF orientation applied to the pixels, as nothing is kept to say it): WebP as lossless
    WebP (every frame of an animation, with its durations), BMP as PNG (Pillow's BMP writer
    drops an alpha channel; PNG keeps every BMP mode, and browsers show it). The ICC profile
    is kept."""
    try:
        with Image.open(io.BytesIO(data), formats=[info.format]) as im:
            icc_profile = im.info.get("icc_profile")
            frames, durations = [], []
            for n in range(info.frames):
                im.seek(n)
                frame = ImageOps.exif_transpose(im)
                if frame.mode not in ("1", "L", "LA", "RGB", "RGBA", "P", "I;16"):
                    frame = frame.convert("RGBA" if "A" in frame.mode else "RGB")
                frame.info = {}  # no text, EXIF or XMP for the writer to copy
                frames.append(frame)
                durations.append(im.info.get("duration", 0))
            loop = im.info.get("loop", 0)
    except PIL_ERRORS as exc:
        raise CorruptImage(f"The {info.format} image data is truncated or corrupt.") from exc
    out = io.BytesIO()
    params = {"icc_profile": icc_profile} if icc_profile else {}
    if info.format == "WEBP":
        frames = [f if f.mode in ("RGB", "RGBA") else f.convert("RGBA") for f in frames]
        if len(frames) > 1:
            params.update(save_all=True, append_images=frames[1:], duration=durations,
                          loop=loop)
        frames[0].save(out, "WEBP", lossless=True, quality=100, method=4, exact=True, **params)
        return out.getvalue(), "WEBP"
    frames[0].save(out, "PNG", compress_level=6, **params)
    return out.getvalue(), "PNG"
