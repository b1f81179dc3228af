"""Where render()'s time goes for the 10 MP JPEG of bench/renditions.py, step by step, and
what the resampling filter costs and gives.

    .venv/bin/python bench/cascade_steps.py [--reps N]

No Django. Decodes the bench photo at the draft scale render() picks for the 'graph' set, then
times alone (median CPU ms of N) each resize of the cascade, with the calls render() makes, and
each rendition's encode. Then runs the whole cascade with LANCZOS (what render() uses) and with
BICUBIC, and gives each rendition's PSNR against a LANCZOS resize of the full-resolution decode.
The 'baseline' column is the encode as a baseline optimized JPEG instead of render()'s.
Prints figures; asserts nothing.
"""

import argparse
import io
import math
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageChops  # noqa: E402
from renditions import make_images  # noqa: E402

from photos.imaging import geometry, specs_for_set, transform  # noqa: E402
from photos.imaging.encode import JPEG_QUALITY, encode  # noqa: E402


def cpu_ms(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def psnr(a: Image.Image, b: Image.Image) -> float:
    histogram = ImageChops.difference(a, b).histogram()  # 256 bins a channel
    squares = sum(count * (value % 256) ** 2 for value, count in enumerate(histogram))
    mse = squares / (a.width * a.height * len(a.getbands()))
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def cascade(decoded, base, plans, steps, resample):
    made, layers = {-1: decoded}, {-1: base}
    for k, parent in steps:
        made[k] = made[parent].resize(plans[k].size, resample,
                                      box=geometry.within(layers[parent], plans[k].box),
                                      reducing_gap=transform.REDUCING_GAP)
        layers[k] = plans[k]
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = make_images(Path(folder))[0][1].read_bytes()
    specs = specs_for_set("graph")
    full = Image.open(io.BytesIO(data))
    width, height = full.size
    plans = [geometry.plan(spec.operation, width, height) for spec in specs]
    scale = geometry.draft_scale(plans)

    def decode():
        im = Image.open(io.BytesIO(data))
        im.draft("RGB", (width // scale, height // scale))
        im.load()
        return im

    decoded = decode()
    base = geometry.Plan((0, 0, width, height), decoded.size)
    steps = geometry.cascade(base, plans)
    print(f"10 MP JPEG {width}x{height}, graph set, draft 1/{scale}; median CPU ms of "
          f"{args.reps}")
    decode_ms = cpu_ms(decode, args.reps)
    print(f"decode at 1/{scale}: {decode_ms:.1f}")
    made = cascade(decoded, base, plans, steps, transform.RESAMPLE)
    total_resize = total_encode = total_baseline = 0.0
    print(f"{'rendition':<12}{'from':<12}{'size':>11}{'resize':>9}{'encode':>9}"
          f"{'baseline':>10}")
    for k, parent in steps:
        layer = base if parent < 0 else plans[parent]
        resize = cpu_ms(partial(transform.resize, made[parent], layer, plans[k]), args.reps)
        encoded = cpu_ms(partial(encode, made[k], "JPEG"), args.reps)
        baseline = cpu_ms(partial(made[k].save, io.BytesIO(), "JPEG", quality=JPEG_QUALITY,
                                  optimize=True), args.reps)
        total_resize, total_encode = total_resize + resize, total_encode + encoded
        total_baseline += baseline
        size = f"{plans[k].size[0]}x{plans[k].size[1]}"
        print(f"{specs[k].name:<12}{specs[parent].name if parent >= 0 else 'decode':<12}"
              f"{size:>11}{resize:9.1f}{encoded:9.1f}{baseline:10.1f}")
    print(f"{'total':<35}{total_resize:9.1f}{total_encode:9.1f}{total_baseline:10.1f}")
    original = made[steps[0][0]]
    plain, optimized = io.BytesIO(), io.BytesIO()
    original.save(plain, "JPEG", quality=JPEG_QUALITY, progressive=True)
    original.save(optimized, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    print("progressive JPEG with optimize=True is byte for byte the same as without:",
          plain.getvalue() == optimized.getvalue())
    print(f"decode + encodes, in decodes: {(decode_ms + total_encode) / decode_ms:.2f}x as"
          f" render() encodes, {(decode_ms + total_baseline) / decode_ms:.2f}x with every"
          " rendition a baseline (optimized, not progressive) JPEG")

    full.load()
    reference = {k: full.resize(plan.size, Image.Resampling.LANCZOS, box=plan.box)
                 for k, plan in enumerate(plans)}
    print("\nPSNR (dB) of each rendition against a LANCZOS resize of the full-resolution decode")
    for name in ("LANCZOS", "BICUBIC"):
        resample = getattr(Image.Resampling, name)
        spent = cpu_ms(partial(cascade, decoded, base, plans, steps, resample), args.reps)
        made = cascade(decoded, base, plans, steps, resample)
        figures = " ".join(f"{specs[k].name}:{psnr(made[k], reference[k]):.1f}"
                           for k in range(len(plans)))
        print(f"{name:<8} resizes {spent:6.1f} ms   {figures}")


if __name__ == "__main__":
    main()
