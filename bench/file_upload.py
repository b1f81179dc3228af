"""File upload memory: does a 1 GB upload stream with flat memory?

Starts Photodesk in a real server process (``manage.py runserver --noreload --nothreading`` on
the embedded defaults, in a temporary data folder: SQLite, local media), creates a user and an
``api`` token, then POSTs multipart bodies to the Chatter files endpoint
(``/services/data/v38.0/connect/files/users/me``), generated on the fly and sent in 1 MB chunks
with a Content-Length, as a Salesforce client streams a file.

For each upload it resets the server's peak RSS (``5`` into ``/proc/<pid>/clear_refs``, Linux),
then reads ``VmHWM`` afterwards: the peak added by the upload is ``VmHWM - VmRSS before``. The
figure that matters is the ratio of the 1 GB peak to the 10 MB baseline measured in the same
run: flat memory means about 1. It also checks the File Summary (size and MD5) of each upload.

    .venv/bin/python bench/file_upload.py                 # 10 MB baseline, then 1 GB
    .venv/bin/python bench/file_upload.py --size-mb 256   # a quicker run
    .venv/bin/python bench/file_upload.py --size-mb 256 --control

``--control`` runs the same server with uploads kept in memory (FILE_UPLOAD_MAX_MEMORY_SIZE
raised past the file): the peak then grows with the file, which shows that the measurement
would catch an upload path that buffers.
"""

import argparse
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1024 * 1024
PATH = "/services/data/v38.0/connect/files/users/me"

MINT_TOKEN = """
from accounts.models import Application, User, Workspace, Membership
from accounts.services import issue_token
user = User.objects.create_user("bench", password="bench-password")
workspace = Workspace.objects.create(name="Bench", slug="bench")
Membership.objects.create(user=user, workspace=workspace)
app = Application.objects.create(name="bench", client_type="confidential",
    authorization_grant_type="authorization-code", redirect_uris="http://127.0.0.1/cb")
print(issue_token(app, ["api"], user=user)[0])
"""


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(port: int, process, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def upload(port: int, token: str, size: int) -> tuple[dict, float, str]:
    """Stream a ``size``-byte file; ``(File Summary, seconds, md5 sent)``."""
    boundary = f"bench{uuid.uuid4().hex}"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"fileData\"; "
            f"filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    block = os.urandom(CHUNK)
    digest = hashlib.md5(usedforsecurity=False)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.putrequest("POST", PATH)
    connection.putheader("Authorization", f"OAuth {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.endheaders()
    connection.send(head)
    sent = 0
    while sent < size:
        piece = block[:min(CHUNK, size - sent)]
        digest.update(piece)
        connection.send(piece)
        sent += len(piece)
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"upload answered {response.status}: {body[:500]!r}")
    return json.loads(body), elapsed, digest.hexdigest()


def measure(pid: int, port: int, token: str, size: int) -> dict:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = status_kb(pid, "VmRSS")
    summary, elapsed, md5 = upload(port, token, size)
    peak = status_kb(pid, "VmHWM")
    assert summary["contentSize"] == size, summary["contentSize"]
    assert summary["checksum"] == md5, (summary["checksum"], md5)
    return {"size_mb": size / CHUNK, "rss_before_mb": before / 1024,
            "peak_added_mb": (peak - before) / 1024, "seconds": elapsed,
            "mb_per_s": size / CHUNK / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--baseline-mb", type=int, default=10)
    parser.add_argument("--control", action="store_true",
                        help="keep uploads in memory (to see the measurement catch it)")
    args = parser.parse_args()
    if not Path("/proc/self/clear_refs").exists():
        sys.exit("this benchmark reads /proc (Linux)")

    workdir = Path(tempfile.mkdtemp(prefix="photodesk-bench-upload-"))
    (workdir / "uploads").mkdir()
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env = {**keep, "DATA_DIR": str(workdir / "data"), "MEDIA_ROOT": str(workdir / "media"),
           "FILE_UPLOAD_TEMP_DIR": str(workdir / "uploads"), "PYTHONUNBUFFERED": "1",
           "LOG_LEVEL": "WARNING"}
    memory_limit = "2 MB"
    if args.control:
        (workdir / "control_settings.py").write_text(
            "from config.settings import *  # noqa\nFILE_UPLOAD_MAX_MEMORY_SIZE = 2 ** 40\n")
        env.update(PYTHONPATH=str(workdir), DJANGO_SETTINGS_MODULE="control_settings")
        memory_limit = "1 TB (control: uploads kept in memory)"
    python = sys.executable
    server = None
    try:
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env,
                       check=True)
        token = subprocess.run([python, "manage.py", "shell", "-c", MINT_TOKEN], cwd=ROOT,
                               env=env, check=True, capture_output=True,
                               text=True).stdout.strip().splitlines()[-1]
        port = free_port()
        server = subprocess.Popen(
            [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload",
             "--nothreading", "--skip-checks"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_server(port, server)
        upload(port, token, 64 * 1024)  # warm-up: imports and first queries happen here
        baseline = measure(server.pid, port, token, args.baseline_mb * CHUNK)
        big = measure(server.pid, port, token, args.size_mb * CHUNK)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"server: manage.py runserver (Django {__import__('django').get_version()}, "
          f"Python {sys.version.split()[0]}), FILE_UPLOAD_MAX_MEMORY_SIZE {memory_limit}")
    print(f"{'upload':>10} {'RSS before':>11} {'peak added':>11} {'time':>8} {'rate':>11}")
    for row in (baseline, big):
        print(f"{row['size_mb']:>7.0f} MB {row['rss_before_mb']:>8.1f} MB "
              f"{row['peak_added_mb']:>8.2f} MB {row['seconds']:>7.1f}s "
              f"{row['mb_per_s']:>7.0f} MB/s")
    ratio = big["peak_added_mb"] / max(baseline["peak_added_mb"], 0.01)
    print(f"peak added, {args.size_mb} MB vs {args.baseline_mb} MB: {ratio:.2f}x "
          f"(file {args.size_mb / args.baseline_mb:.0f}x larger)")


if __name__ == "__main__":
    main()
