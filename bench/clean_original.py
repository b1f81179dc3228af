"""What cleaning an original losslessly costs, beside rendering the same photo.

    .venv/bin/python bench/clean_original.py [--reps N]

No Django. Makes the 10 MP photographic JPEG and the 6 MP PNG of bench/renditions.py, each with
the metadata a camera or an editor leaves (JPEG: EXIF with GPS, orientation and a thumbnail, XMP,
an ICC profile, a comment, bytes after the EOI; PNG: text, eXIf, trailing bytes), and times in
this one run, taking turns, median CPU ms of N (wall ms beside it):

  clean       jpeg.clean / png.clean of the upload's bytes
  render      photos.imaging.render() of the 'generic' set, as today (with the 1280 px original)
  renditions  render() of the set's other renditions (generic: large, small, icon): what is
              left to render once the original is the cleaned upload (a 10 MP JPEG then
              decodes at 1/8 for generic, 1/4 for graph)

and prints clean as a share of each; ``--sets generic graph`` adds the Graph set. Prints
figures; asserts nothing.
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PIL  # noqa: E402
from PIL import ExifTags, Image, ImageCms, PngImagePlugin  # noqa: E402
from renditions import LIMITS, cpu_model, photo  # noqa: E402

from photos.imaging import jpeg, png, render, specs_for_set  # noqa: E402
from tests.support import images as img  # noqa: E402


def images() -> list[tuple[str, bytes, object]]:
    picture = photo(3872, 2592, 1)
    thumbnail = io.BytesIO()
    picture.resize((160, 107)).save(thumbnail, "JPEG", quality=80)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, exif=img.camera_exif(1, thumbnail.getvalue()),
                 xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + b" " * 4000 + b"</x:xmpmeta>",
                 icc_profile=icc, comment=b"bench")
    jpeg_data = out.getvalue() + b"PK\x05\x06" + bytes(18)  # an empty ZIP after the EOI
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "bench")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta/>")
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 1
    out = io.BytesIO()
    photo(3000, 2000, 2).save(out, "PNG", pnginfo=info, exif=exif)
    png_data = out.getvalue() + b"<html></html>"
    return [("10 MP JPEG 3872x2592", jpeg_data, jpeg.clean),
            ("6 MP PNG 3000x2000", png_data, png.clean)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=9, help="timed repetitions (median)")
    parser.add_argument("--sets", nargs="+", default=["generic"], choices=["generic", "graph"])
    args = parser.parse_args()
    print(f"machine: {cpu_model()}, Python {sys.version.split()[0]}, Pillow {PIL.__version__};"
          f" median of {args.reps} after 1 warm-up; CPU ms (wall ms)")
    for label, data, clean in images():
        contenders = {"clean": lambda data=data, clean=clean: clean(data)}
        for set_name in args.sets:
            specs = specs_for_set(set_name)
            others = [spec for spec in specs if spec.name != "original"]
            contenders[f"render {set_name}"] = \
                lambda data=data, specs=specs: render(data, specs, limits=LIMITS)
            contenders[f"renditions {set_name}"] = \
                lambda data=data, others=others: render(data, others, limits=LIMITS)
        times: dict[str, dict[str, list[float]]] = {n: {"cpu": [], "wall": []} for n in contenders}
        for rep in range(args.reps + 1):
            for name, fn in contenders.items():
                cpu, wall = time.process_time(), time.perf_counter()
                fn()
                if rep:  # the first round is the warm-up
                    times[name]["cpu"].append((time.process_time() - cpu) * 1000)
                    times[name]["wall"].append((time.perf_counter() - wall) * 1000)
        ms = {name: {kind: statistics.median(values) for kind, values in kinds.items()}
              for name, kinds in times.items()}
        cleaned = clean(data)
        print(f"\n{label}: {len(data) / 1048576:.2f} MB uploaded, {len(cleaned) / 1048576:.2f} MB"
              f" cleaned ({len(data) - len(cleaned):,} bytes of metadata and trailing data gone)")
        for name in contenders:
            share = ("" if name == "clean" else
                     f"   clean is {100 * ms['clean']['cpu'] / ms[name]['cpu']:4.1f} % of it")
            print(f"  {name:<20}{ms[name]['cpu']:8.2f} ({ms[name]['wall']:7.2f}){share}")


if __name__ == "__main__":
    main()
