"""Benchmark of the imaging pipeline against a naive Pillow baseline and the decode floor.

    .venv/bin/python bench/renditions.py [--reps N]

No Django. Generates its own images (a 10 MP photographic JPEG, a 6 MP PNG, an EXIF-rotated
JPEG, an animated GIF) and, for each, measures in this one run the median CPU time (wall time
beside it) of:

  ours    photos.imaging.render() of the 'graph' set (the largest) and of 'generic'
  naive   Image.open().load() + exif_transpose, then every size resized from the full image with
          LANCZOS and saved with the same encoder settings
  floor   decoding only: at the draft scale render() picks for a JPEG, in full otherwise
  bound   the floor's decode plus encoding exactly the renditions render() made (same sizes,
          formats and encoder settings; the images are made beforehand, untimed): what ours
          would cost if every resize were free. bound/floor is the lowest ours/floor any
          resampler could reach with these renditions and encoder settings.

and, each in a fresh spawned process, the memory the work adds: peak RSS while processing minus
the RSS after imports, a warm-up and loading the file's bytes (Pillow allocates outside
Python's allocator, so tracemalloc would not see it). Prints figures; asserts nothing.
"""

import argparse
import io
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PIL  # noqa: E402
from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter, ImageOps  # noqa: E402

from photos.imaging import Limits, geometry, render, sniff, specs_for_set  # noqa: E402
from photos.imaging.encode import encode  # noqa: E402

# 3872x2592 is 10.04 MP, just over the default 10,000,000 pixel budget: the benchmark passes a
# caller's bigger limits, as services may.
LIMITS = Limits(max_bytes=64 * 1024 * 1024, max_pixels=50_000_000)
SETS = ("graph", "generic")


# --- test images ---------------------------------------------------------------------------------
def photo(width: int, height: int, seed: int) -> Image.Image:
    """Something that compresses like a photograph: soft colour fields, shapes, blurred texture
    at two scales and sensor-like noise."""
    rnd = random.Random(seed)
    field = Image.new("RGB", (12, 8))
    field.putdata([tuple(rnd.randrange(256) for _ in range(3)) for _ in range(96)])
    im = field.resize((width, height), Image.Resampling.BICUBIC)
    coarse = Image.effect_noise((width // 4, height // 4), 60).resize((width, height))
    texture = ImageChops.add(ImageChops.subtract(coarse, Image.new("L", (width, height), 128)),
                             Image.effect_noise((width, height), 18), 1, -128)
    im = ImageChops.add(im, Image.merge("RGB", [texture] * 3), 1, -110)
    draw = ImageDraw.Draw(im)
    for _ in range(40):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(20, 300)
        draw.ellipse((x - r, y - r, x + r, y + r),
                     fill=tuple(rnd.randrange(256) for _ in range(3)))
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.merge("RGB", [Image.effect_noise((width, height), 6)] * 3)
    return ImageChops.add(im, grain, 1, -128)


def make_images(folder: Path) -> list[tuple[str, Path]]:
    def save(name: str, im: Image.Image, fmt: str, **params) -> Path:
        path = folder / name
        im.save(path, fmt, **params)
        return path

    rotated = Image.Exif()
    rotated[ExifTags.Base.Orientation] = 6
    frames = [photo(480, 360, seed=10 + n).quantize(64) for n in range(12)]
    return [
        ("10 MP JPEG 3872x2592", save("photo.jpg", photo(3872, 2592, 1), "JPEG", quality=90)),
        ("6 MP PNG 3000x2000", save("large.png", photo(3000, 2000, 2), "PNG")),
        ("8 MP JPEG, EXIF 6", save("rotated.jpg", photo(3264, 2448, 3), "JPEG", quality=90,
                                   exif=rotated)),
        ("animated GIF 480x360x12", save("animated.gif", frames[0], "GIF", save_all=True,
                                         append_images=frames[1:], duration=80, loop=0)),
    ]


# --- the three contenders ----------------------------------------------------------------------
def ours(data: bytes, set_name: str) -> None:
    render(data, specs_for_set(set_name), limits=LIMITS)


def naive(data: bytes, set_name: str) -> None:
    im = Image.open(io.BytesIO(data))
    im.load()
    im = ImageOps.exif_transpose(im)
    if im.mode not in ("RGB", "L"):
        im = im.convert("RGB")
    for spec in specs_for_set(set_name):
        plan = geometry.plan(spec.operation, im.width, im.height)
        encode(im.resize(plan.size, Image.Resampling.LANCZOS, box=plan.box), "JPEG")


def draft_scale(data: bytes, set_name: str) -> int:
    """The JPEG draft scale render() picks for this file and set (1 for other formats)."""
    with sniff.opened(data, LIMITS) as (fp, size), sniff.open_image(fp, size, LIMITS) as (_, info):
        if info.format != "JPEG":
            return 1
        plans = [geometry.plan(s.operation, info.width, info.height)
                 for s in specs_for_set(set_name)]
        return geometry.draft_scale(plans)


def floor(data: bytes, set_name: str) -> None:
    im = Image.open(io.BytesIO(data))
    scale = draft_scale(data, set_name) if im.format == "JPEG" else 1
    if scale > 1:
        im.draft(None, (im.width // scale, im.height // scale))
    im.load()


_TO_ENCODE: dict[tuple[int, str], list[tuple[Image.Image, str]]] = {}


def to_encode(data: bytes, set_name: str) -> list[tuple[Image.Image, str]]:
    """ours' renditions, decoded back to pixels in the mode encode() received them (an animated
    GIF's original is its own bytes, never encoded, so it is left out)."""
    key = (hash(data), set_name)
    if key not in _TO_ENCODE:
        made = render(data, specs_for_set(set_name), limits=LIMITS)
        _TO_ENCODE[key] = [(_decoded(r.data), r.format) for r in made if r.format != "GIF"]
    return _TO_ENCODE[key]


def _decoded(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()  # in the mode it was encoded from: L, RGB, LA or RGBA
    return im


def bound(data: bytes, set_name: str) -> None:
    pixels = to_encode(data, set_name)  # cached after the warm-up round
    floor(data, set_name)
    for im, fmt in pixels:
        encode(im, fmt)


CONTENDERS = {"ours": ours, "naive": naive, "floor": floor, "bound": bound}
MEMORY_CONTENDERS = ("ours", "naive", "floor")


# --- measuring ---------------------------------------------------------------------------------
def median_ms(data: bytes, set_name: str, reps: int) -> dict[str, dict[str, float]]:
    """Median CPU and wall time of each contender, in ms. The contenders take turns within each
    repetition so that a moment of load on the machine hits them all alike; CPU time (all of
    them are single-threaded) is what the ratios use, as it does not count other processes' turns on
    a shared machine, and wall time is printed beside it."""
    times: dict[str, dict[str, list[float]]] = {
        name: {"cpu": [], "wall": []} for name in CONTENDERS}
    for rep in range(reps + 1):
        for name, fn in CONTENDERS.items():
            cpu, wall = time.process_time(), time.perf_counter()
            fn(data, set_name)
            if rep:  # the first round is the warm-up
                times[name]["cpu"].append((time.process_time() - cpu) * 1000)
                times[name]["wall"].append((time.perf_counter() - wall) * 1000)
    return {name: {kind: statistics.median(values) for kind, values in kinds.items()}
            for name, kinds in times.items()}


def _rss_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _memory_child(path: str, contender: str, set_name: str, queue) -> None:
    data = Path(path).read_bytes()
    warm = io.BytesIO()  # a tiny image of the same format: loads plugins and encoders, not counted
    Image.new("RGB", (16, 16)).save(warm, Image.open(io.BytesIO(data)).format)
    CONTENDERS[contender](warm.getvalue(), set_name)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak (VmHWM) to the current RSS
    before = _rss_kb("VmRSS")
    CONTENDERS[contender](data, set_name)
    queue.put((_rss_kb("VmHWM") - before) / 1024)


def memory_added_mb(path: Path, contender: str, set_name: str) -> float:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_memory_child, args=(str(path), contender, set_name, queue))
    child.start()
    result = queue.get(timeout=120)
    child.join()
    return result


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            return next(line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions (median)")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()},"
          f" Pillow {PIL.__version__}; median of {args.reps} after 1 warm-up")
    with tempfile.TemporaryDirectory() as folder:
        images = make_images(Path(folder))
        rows = []
        for label, path in images:
            data = path.read_bytes()
            for set_name in SETS:
                ms = median_ms(data, set_name, args.reps)
                mem = ({name: memory_added_mb(path, name, set_name) for name in MEMORY_CONTENDERS}
                       if set_name == "graph" else None)
                rows.append((label, len(data), set_name, draft_scale(data, set_name), ms, mem))
    print()
    print(f"{'':<26}{'':>5} {'':<8}{'':>6}{'CPU ms (wall ms)':^56}{'ratios on CPU time':^33}")
    print(f"{'image':<26}{'MB':>5} {'set':<8}{'draft':>6}{'ours':>14}{'naive':>14}{'floor':>14}"
          f"{'bound':>14}{'naive/ours':>11}{'ours/floor':>11}{'bound/floor':>12}"
          f"   memory added MB (ours/naive/floor)")
    for label, size, set_name, scale, ms, mem in rows:
        timings = "".join(f"{ms[n]['cpu']:7.1f} ({ms[n]['wall']:4.0f})" for n in CONTENDERS)
        memory = f"{mem['ours']:6.1f} /{mem['naive']:6.1f} /{mem['floor']:6.1f}" if mem else ""
        print(f"{label:<26}{size / 1048576:5.1f} {set_name:<8}{'1/' + str(scale):>6}{timings}"
              f"{ms['naive']['cpu'] / ms['ours']['cpu']:10.1f}x"
              f"{ms['ours']['cpu'] / ms['floor']['cpu']:10.2f}x"
              f"{ms['bound']['cpu'] / ms['floor']['cpu']:11.2f}x   {memory}")
    print()
    jpeg = next(r for r in rows if r[0].startswith("10 MP") and r[2] == "graph")
    png = next(r for r in rows if r[0].startswith("6 MP") and r[2] == "graph")

    def ratio(row, a, b):
        return row[4][a]["cpu"] / row[4][b]["cpu"]

    targets = [
        ("10 MP JPEG, graph: naive/ours >= 6", ratio(jpeg, "naive", "ours") >= 6),
        ("10 MP JPEG, graph: ours/floor <= 2", ratio(jpeg, "ours", "floor") <= 2),
        ("6 MP PNG, graph: ours/floor <= 1.5", ratio(png, "ours", "floor") <= 1.5),
        ("10 MP JPEG, graph: memory added < 40 MB", jpeg[5]["ours"] < 40),
    ]
    for name, met in targets:
        print(f"target {name}: {'met' if met else 'MISSED'}")
    print()
    for label, row, limit in (("10 MP JPEG, graph", jpeg, 2), ("6 MP PNG, graph", png, 1.5)):
        cpu = {name: row[4][name]["cpu"] for name in CONTENDERS}
        print(f"{label}: decode + encodes alone = {cpu['bound'] / cpu['floor']:.2f}x the floor;"
              f" the {limit}x target leaves {limit * cpu['floor'] - cpu['bound']:.1f} ms for every"
              f" resize (ours spends {cpu['ours'] - cpu['bound']:.1f} ms)")
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
