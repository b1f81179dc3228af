"""What the upload's JPEG completeness check costs on a 10 MP photo, beside a full decode.

    .venv/bin/python bench/jpeg_check.py [--reps N]

No Django. Makes the 10 MP photographic JPEG of bench/renditions.py (baseline, and the same
picture progressive) and times, median CPU ms of N (wall ms beside it), from a file on disk as
an upload's temporary file is:

  walk      sniff._verify_jpeg alone: the marker walk to the EOI, no pixel decoded
  inspect   the whole upload check (header, pixel budget, then the walk)
  decode    Image.open().load(): what refusing a truncated file by decoding it would cost

Prints figures; asserts nothing.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402
from renditions import LIMITS, photo  # noqa: E402

from photos.imaging import inspect, sniff  # noqa: E402


def timed(fn, reps: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(reps):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args()
    picture = photo(3872, 2592, 1)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, params in (("baseline", {}), ("progressive", {"progressive": True})):
            path = Path(folder) / f"{name}.jpg"
            picture.save(path, "JPEG", quality=90, **params)
            files.append((name, path))
        print(f"10 MP JPEG 3872x2592, quality 90; median of {args.reps} runs, CPU ms (wall ms)")
        for name, path in files:
            size = path.stat().st_size
            with path.open("rb") as fp:
                walk = timed(lambda fp=fp, size=size: sniff._verify_jpeg(fp, size), args.reps)
                check = timed(lambda fp=fp: inspect(fp, LIMITS), args.reps)

            def decode(path=path):
                with Image.open(path) as im:
                    im.load()

            full = timed(decode, max(3, args.reps // 3))
            print(f"  {name:<12} {size / 1048576:5.1f} MB   walk {walk[0]:6.1f} ({walk[1]:6.1f})"
                  f"   inspect {check[0]:6.1f} ({check[1]:6.1f})"
                  f"   decode {full[0]:7.1f} ({full[1]:7.1f})")


if __name__ == "__main__":
    main()
