"""Pixel work between decoding and encoding: working mode, sRGB, transparency, resizing."""

import io

from PIL import Image, ImageCms

from .geometry import Box, Plan, within

RESAMPLE = Image.Resampling.LANCZOS
# Image.resize(reducing_gap=1.0) first shrinks by the largest whole factor that leaves the image
# at least its target size, with Image.reduce() (a fast box average), and resamples only the
# rest with LANCZOS: a 3000 px PNG to a 1280 px rendition is reduce(2) then 1500 -> 1280.
REDUCING_GAP = 1.0
WHITE = 255

_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N", "I")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def normalize(im: Image.Image, keep_cmyk: bool = False) -> Image.Image:
    """The image in L, LA, RGB or RGBA (CMYK kept on request, for an ICC transform)."""
    mode, transparency = im.mode, "transparency" in im.info
    if mode in _SIXTEEN_BIT:
        # 16-bit grey to 8: scale. convert("L") would clip every value above 255 to white.
        if mode != "I;16":
            im = im.convert("I")
        return im.point(lambda value: value / 256).convert("L")
    if mode == "1":
        return im.convert("L")
    if mode in ("P", "PA"):
        return im.convert("RGBA" if transparency or mode == "PA" else "RGB")
    if mode in ("L", "RGB") and transparency:  # a tRNS colour key
        return im.convert("LA" if mode == "L" else "RGBA")
    if mode in ("L", "LA", "RGB", "RGBA") or (mode == "CMYK" and keep_cmyk):
        return im
    if mode in ("La", "RGBa"):
        return im.convert("LA" if mode == "La" else "RGBA")
    return im.convert("RGBA" if "A" in mode else "RGB")  # CMYK (Adobe inversion undone), YCbCr


def to_srgb(im: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert to sRGB when an ICC profile is embedded (a CMYK image always ends in RGB)."""
    if icc_profile and im.mode in ("RGB", "RGBA", "CMYK"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            already = "srgb" in ImageCms.getProfileDescription(profile).lower().replace(" ", "")
            if not already or im.mode == "CMYK":
                return ImageCms.profileToProfile(
                    im, profile, _SRGB, outputMode="RGBA" if im.mode == "RGBA" else "RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a profile that does not fit the pixels: show them as they are
    return im.convert("RGB") if im.mode == "CMYK" else im


def has_transparency(im: Image.Image, box: Box | None = None) -> bool:
    """Whether any pixel (in ``box``, whole pixels) is not fully opaque."""
    if im.mode not in ("LA", "RGBA"):
        return False
    alpha = im.getchannel("A")
    if box is not None:
        alpha = alpha.crop(tuple(round(v) for v in box))
    low, _ = alpha.getextrema()
    return low < WHITE


def flatten(im: Image.Image) -> Image.Image:
    """Drop the alpha channel by compositing on white (transparent pixels often hide black)."""
    if im.mode not in ("LA", "RGBA"):
        return im
    mode = "L" if im.mode == "LA" else "RGB"
    background = Image.new(mode, im.size, WHITE if mode == "L" else (WHITE,) * 3)
    background.paste(im.convert(mode), mask=im.getchannel("A"))
    return background


def resize(im: Image.Image, layer: Plan, target: Plan) -> Image.Image:
    """Make ``target`` from ``im``, an image showing ``layer`` (see geometry.cascade)."""
    return im.resize(target.size, RESAMPLE, box=within(layer, target.box),
                     reducing_gap=REDUCING_GAP)
