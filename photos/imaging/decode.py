"""Decoding, once: the first frame, at the JPEG draft scale, turned as displayed."""

import math

from PIL import Image, ImageOps

from photos.errors import CorruptImage

from .sniff import PIL_ERRORS
from .values import ImageInfo


def decode(im: Image.Image, info: ImageInfo, scale: int = 1) -> tuple[Image.Image, int]:
    """Decode ``im`` (opened by ``sniff.open_image``) and apply its EXIF orientation.

    For a JPEG, ``scale`` (1, 2, 4 or 8) lets the decoder shrink the picture by DCT scaling, far
    cheaper than decoding everything and resizing. Returns the image and the scale actually
    used: pixel (x, y) of the result shows source pixel (x * scale, y * scale) of the oriented
    image, to within one decoded pixel.
    """
    used = 1
    if scale > 1 and info.format == "JPEG":
        width, height = im.size  # as stored, before orientation: what the decoder sees
        drafted = im.draft(None, (width // scale, height // scale))
        if drafted:
            used = round(width / drafted[1][2])
    try:
        im.load()
        ImageOps.exif_transpose(im, in_place=True)  # no copy; the header's orientation
    except PIL_ERRORS as exc:
        raise CorruptImage(f"The {info.format} image data is truncated or corrupt.") from exc
    expected = (math.ceil(info.width / used), math.ceil(info.height / used))
    if im.size != expected:  # the header promised another picture than the data holds
        raise CorruptImage(f"The {info.format} image decodes to {im.width}x{im.height}, not "
                           f"the {info.width}x{info.height} its header declares.")
    return im, used
