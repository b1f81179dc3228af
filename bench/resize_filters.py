"""What a cheaper resampling filter would save in render()'s cascade, and what it would cost in
sharpness, measured against libvips' renditions of the same images.

    .venv/bin/python bench/resize_filters.py [--reps N]

No Django. For the 10 MP JPEG, the 6 MP PNG and the EXIF-rotated 8 MP JPEG of
bench/renditions.py and the 'graph' set's sized renditions (every spec but the original), decodes
as render() does (the JPEG draft scale, then the EXIF orientation) and times alone, median CPU ms
of N, the cascade's resizes (the same steps and boxes as render(), reducing_gap as render()) with:

  lanczos                 what render() uses
  lanczos first, bicubic  LANCZOS for the step from the decoded image, BICUBIC for the others
  bicubic                 BICUBIC everywhere
  bilinear                BILINEAR everywhere

and, for each, over the max- renditions encoded as render() encodes them: the mean absolute
difference (0-255) from libvips-cascade's (bench/renditions.py: lanczos3, single-threaded) and
their sharpness relative to libvips' (mean of Pillow's FIND_EDGES on grey, ours / libvips'; the
lowest and highest over the renditions). The decode, the orientation and the encodes are printed
beside, for scale. Prints figures; asserts nothing.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["VIPS_CONCURRENCY"] = "1"

from PIL import Image, ImageFilter, ImageOps, ImageStat  # noqa: E402
from renditions import (  # noqa: E402
    _decoded,
    draft_scale,
    libvips_cascade,
    make_images,
    mean_abs_diff,
    specs_of,
)

from photos.imaging import geometry, transform  # noqa: E402
from photos.imaging.encode import encode  # noqa: E402
from photos.imaging.specs import Max  # noqa: E402

LANCZOS, BICUBIC, BILINEAR = (Image.Resampling.LANCZOS, Image.Resampling.BICUBIC,
                              Image.Resampling.BILINEAR)
CHOICES = {"lanczos": (LANCZOS, LANCZOS), "lanczos first, bicubic": (LANCZOS, BICUBIC),
           "bicubic": (BICUBIC, BICUBIC), "bilinear": (BILINEAR, BILINEAR)}


def cpu_ms(fn, reps: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(reps):
        started = time.process_time()
        result = fn()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times), result


def sharpness(im: Image.Image) -> float:
    return ImageStat.Stat(im.convert("L").filter(ImageFilter.FIND_EDGES)).mean[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        images = [(label, path.read_bytes()) for label, path in make_images(Path(folder))][:3]
    specs = specs_of("graph")
    print(f"'graph' set, sized renditions; median CPU ms of {args.reps}")
    for label, data in images:
        scale = draft_scale(data, "graph")

        def decode(scale=scale, data=data):
            im = Image.open(io.BytesIO(data))
            if scale > 1:
                im.draft(None, (im.width // scale, im.height // scale))
            im.load()
            return im

        decode_ms, stored = cpu_ms(decode, args.reps)
        orient_ms, im = cpu_ms(lambda stored=stored: ImageOps.exif_transpose(stored), args.reps)
        im = transform.normalize(im)
        width, height = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).size
        plans = [geometry.plan(spec.operation, width, height) for spec in specs]
        base = geometry.Plan((0, 0, width, height), im.size)
        steps = geometry.cascade(base, plans)
        theirs = dict(libvips_cascade(data, "graph"))
        fits = [k for k, _ in steps if isinstance(specs[k].operation, Max)]
        print(f"\n{label}: decode at 1/{scale} {decode_ms:.1f}, orientation {orient_ms:.1f}")
        for name, (first, rest) in CHOICES.items():

            def cascade(im=im, base=base, plans=plans, steps=steps, first=first, rest=rest):
                made, layers = {-1: im}, {-1: base}
                for k, parent in steps:
                    made[k] = made[parent].resize(
                        plans[k].size, first if parent == -1 else rest,
                        box=geometry.within(layers[parent], plans[k].box),
                        reducing_gap=transform.REDUCING_GAP)
                    layers[k] = plans[k]
                return made

            resize_ms, made = cpu_ms(cascade, args.reps)
            encode_ms, encoded = cpu_ms(
                lambda made=made, steps=steps: {k: encode(made[k].copy(), "JPEG")
                                                for k, _ in steps}, args.reps)
            diff = samples = 0
            ratios = []
            for k in fits:
                mine, reference = _decoded(encoded[k]), _decoded(theirs[k])
                d, n = mean_abs_diff(mine, reference)
                diff, samples = diff + d, samples + n
                ratios.append(sharpness(mine) / sharpness(reference))
            print(f"  {name:<24} resizes {resize_ms:5.1f}  (encodes {encode_ms:4.1f})"
                  f"  vs libvips: mean abs diff {diff / samples:4.2f},"
                  f" sharpness {min(ratios):.2f}-{max(ratios):.2f}")


if __name__ == "__main__":
    main()
