"""What the queue, the database and storage add to a render, and how throughput grows with workers.

Starts the real stack on this machine, each process by the script a deployment runs, and
measures it in one run:

- ``scripts/release`` (migrations, collectstatic, check --deploy), then ``scripts/web``: gunicorn
  with ``config/gunicorn.py`` (2 processes x 4 threads), DEBUG off, on a free port;
- PostgreSQL (a throwaway database ``<name>_throughput`` next to ``DATABASE_URL``'s, dropped at
  the end) and Redis (``REDIS_URL``, on queues of a fresh ``QUEUE_PREFIX``);
- an S3 server (the test suite's: ``tests.support.s3.start_s3_server``, moto), photos stored in
  a bucket on it (``--storage local``: a media folder, ``MEDIA_ROOT_SHARED=1``, to see what S3
  costs);
- ``scripts/worker`` (its default queues: interactive, housekeeping, bulk), prefork,
  ``WORKER_CONCURRENCY`` 1 then 2.

It uploads 10 MP JPEGs made here (the generic API, ``POST /photos``; the ``generic`` set of 4
renditions) and reports:

- upload request latency p50/p99, one client with an idle worker, and 4 concurrent clients;
- upload-to-``ready`` p50/p99 with an idle worker (the photo's ``processed_at`` minus the moment
  the request was sent; the bench polls the database, so it adds no HTTP polling load);
- photos per second with 1 worker process and with 2 (a backlog uploaded first, then drained;
  each process's first photos left out);
- the overhead of the queue, database and storage: per-photo worker time (the 1-process drain's
  wall time per photo) minus ``render()`` of the same bytes timed alone in this process, as a
  ratio of ``render()``; Celery's own task run time is shown beside it, and the same in CPU
  time (``/proc``), which the other sessions of a shared machine disturb least;
- the CPU time per photo of every other process of the stack (web, S3 server, this run's
  PostgreSQL backends, Redis and PostgreSQL's background processes), what the rest of the
  machine used meanwhile, and the ceiling they put on the 2-process scaling; beside it,
  ``render()`` alone in 1 and then 2 processes at once.

``--profile FILE``: instead of the figures, a backlog rendered by one ``scripts/worker
--pool=solo`` under cProfile timed on CPU time; the statistics are saved to FILE and shown.

Needs ``DATABASE_URL`` (PostgreSQL; the role must be allowed to create databases) and
``REDIS_URL``. Usage: ``.venv/bin/python bench/throughput.py [--idle 20] [--backlog 40]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent

import psycopg  # noqa: E402
import requests  # noqa: E402
from renditions import photo  # noqa: E402 - the renditions bench's photograph-like images

from photos.imaging import Limits, render, specs_for_set  # noqa: E402
from tests.support.processes import Service, free_port  # noqa: E402
from tests.support.s3 import listening  # noqa: E402

WIDTH, HEIGHT = 3848, 2598  # 9.997 MP: a 10 MP photo every dialect takes (Zoho too)
SET = "generic"
CLIENTS = 4


# --- images --------------------------------------------------------------------------------------
def make_jpegs(count: int) -> list[bytes]:
    made = []
    for seed in range(count):
        out = io.BytesIO()
        photo(WIDTH, HEIGHT, seed).save(out, "JPEG", quality=90)
        made.append(out.getvalue())
    return made


def time_render_alone(jpegs: list[bytes], reps: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``render()`` of the generic set, bytes in memory."""
    specs, limits = specs_for_set(SET), Limits()
    render(jpegs[0], specs, limits=limits)  # warm-up
    walls, cpus = [], []
    for _ in range(reps):
        for data in jpegs:
            w, c = time.perf_counter(), time.process_time()
            render(data, specs, limits=limits)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def _render_all(jpegs: list[bytes], reps: int) -> int:
    specs, limits = specs_for_set(SET), Limits()
    for _ in range(reps):
        for data in jpegs:
            render(data, specs, limits=limits)
    return reps * len(jpegs)


def render_scaling(jpegs: list[bytes], reps: int) -> tuple[float, float]:
    """``render()`` alone, renders per second in 1 process, then in 2 at once: what this
    machine's cores give CPU-bound work at that moment, the ceiling of any 2-worker scaling."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    rates = []
    for processes in (1, 2):
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_render_all, [jpegs[:1]] * processes, [1] * processes))  # warm-up
            started = time.perf_counter()
            done = sum(pool.map(_render_all, [jpegs] * processes, [reps] * processes))
            rates.append(done / (time.perf_counter() - started))
    return rates[0], rates[1]


# --- services ------------------------------------------------------------------------------------
def wait_for(condition, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise SystemExit(f"bench/throughput.py: {what}: not within {timeout:.0f}s")


def throwaway_database(database_url: str) -> tuple[str, callable]:
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("bench/throughput.py: DATABASE_URL must name a PostgreSQL database")
    name = f"{parts.path.lstrip('/') or 'photodesk'}_throughput"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))

    def run(sql):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return (urlunsplit(parts._replace(path=f"/{name}")),
            lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


SETUP = """
import json
from accounts.models import Application, User
from accounts.services import issue_token
user = User.objects.create_user("bench", password="bench-pw-123")
app = Application.objects.create(name="bench", client_type="confidential",
                                 authorization_grant_type="authorization-code",
                                 redirect_uris="http://127.0.0.1/cb")
token, _ = issue_token(app, ["user_photos", "manage_photos"], user=user)
print(json.dumps({"token": token}))
"""


class Stack:
    """The production processes, each started by its script as a deployment starts them:
    ``scripts/release``, ``scripts/web`` (gunicorn, ``config/gunicorn.py``) and
    ``scripts/worker`` (``WORKER_QUEUES``' default: interactive, housekeeping, bulk)."""

    def __init__(self, workdir: Path, storage: str = "s3"):
        self.workdir, self.logs, self.storage = workdir, workdir / "logs", storage
        self.logs.mkdir()
        self.processes: list[Service] = []
        self.s3 = None
        self.drop_database = None

    def start(self):
        for variable in ("DATABASE_URL", "REDIS_URL"):
            if not os.environ.get(variable):
                raise SystemExit(f"bench/throughput.py: set {variable} (README's test command)")
        database_url, self.drop_database = throwaway_database(os.environ["DATABASE_URL"])
        self.db_url = urlunsplit(urlsplit(database_url)._replace(scheme="postgresql"))
        self.db_name = urlsplit(database_url).path.lstrip("/")
        self.db = None
        if self.storage == "s3":  # the test suite's S3 server (moto), a bucket of this run
            from tests.support.s3 import start_s3_server

            self.s3 = start_s3_server(log_path=str(self.logs / "s3.log"))
            storage_settings = self.s3.env(
                self.s3.create_bucket(f"photodesk-bench-{uuid.uuid4().hex[:6]}"))
        else:  # one media folder, shared by the web server and the workers of this machine
            storage_settings = {"MEDIA_ROOT": str(self.workdir / "media"),
                                "MEDIA_ROOT_SHARED": "1"}
        self.port = free_port()
        self.prefix = f"bench-{uuid.uuid4().hex[:6]}"
        keep = ("PATH", "HOME", "LANG", "TMPDIR")
        self.env = {**{k: v for k, v in os.environ.items() if k in keep}, **storage_settings,
                    "PYTHON": sys.executable, "DEBUG": "0",
                    "DATABASE_URL": database_url, "REDIS_URL": os.environ["REDIS_URL"],
                    "QUEUE_PREFIX": self.prefix, "DATA_DIR": str(self.workdir / "data"),
                    "STATIC_ROOT": str(self.workdir / "static"),
                    "SECRET_KEY": uuid.uuid4().hex * 2, "ALLOWED_HOSTS": "127.0.0.1",
                    "HOST": "127.0.0.1", "PORT": str(self.port),
                    "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONUNBUFFERED": "1",
                    "LOG_LEVEL": "WARNING"}
        self.script("release")
        self.db = Database(self.db_url)
        self.token = json.loads(self.manage("shell", "-c", SETUP).strip().splitlines()[-1])[
            "token"]
        web = Service("web", ["bash", "scripts/web"], self.env, self.logs)
        self.processes.append(web)
        wait_for(lambda: listening(self.port) or not web.alive(), 60, "gunicorn to listen")
        if not web.alive():
            raise SystemExit(f"scripts/web did not start:\n{web.output()[-3000:]}")

    def script(self, name: str) -> str:
        result = subprocess.run(["bash", f"scripts/{name}"], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=300)
        if result.returncode:
            raise SystemExit(f"scripts/{name} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def manage(self, *args) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=300)
        if result.returncode:
            raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def worker(self, processes: int, profile: str | None = None) -> Service:
        """``scripts/worker`` with ``WORKER_CONCURRENCY=processes`` (prefork); with ``profile``,
        one solo process under cProfile (CPU time), its statistics written to that file when
        it stops."""
        env, args = {**self.env, "WORKER_CONCURRENCY": str(processes), "LOG_LEVEL": "INFO"}, []
        if profile:
            wrapper = self.workdir / "python-cprofile"
            wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} -c '{CPU_PROFILE}' {profile} "
                               '"$@"\n')
            wrapper.chmod(0o755)
            env["PYTHON"], args = str(wrapper), ["--pool=solo"]
        worker = Service(f"worker{processes}", [
            "bash", "scripts/worker", "-n", f"{self.prefix}-{processes}@%h", "--without-gossip",
            "--without-mingle", *args], env, self.logs)
        self.processes.append(worker)
        wait_for(lambda: "ready." in worker.output() or not worker.alive(), 60,
                 "the worker to start")
        if not worker.alive():
            raise SystemExit(f"the worker did not start:\n{worker.output()[-3000:]}")
        return worker

    def service_cpu(self) -> dict[str, float]:
        """CPU seconds used so far by the other processes of the stack: the web server (all
        its processes), the S3 server, the PostgreSQL backends of this run's database, and
        the machine's Redis server and PostgreSQL's own background processes (both shared with
        whatever else runs on the machine)."""
        used = {p.name: group_cpu(p.process.pid)[0] for p in self.processes if p.name == "web"}
        if self.s3 is not None:
            used["s3"] = pid_cpu(self.s3.process.pid)
        postgres = background = redis = 0.0
        for pid, command in commands():
            if command.startswith("postgres: ") and "(" in command:  # a client's backend
                if f" {self.db_name} " in command and pid != self.db.pid:
                    postgres += pid_cpu(pid)
            elif "postgres" in command.split(" ", 1)[0]:  # the postmaster, its helpers
                background += pid_cpu(pid)
            elif command.startswith("redis-server"):
                redis += pid_cpu(pid)
        used.update({"postgres (this run's connections)": postgres,
                     "postgres (background, shared)": background, "redis (shared)": redis})
        return used

    def stop(self):
        for process in reversed(self.processes):
            process.stop()
        if self.s3 is not None:
            self.s3.stop()
        if self.db is not None:
            self.db.close()
        if self.drop_database is not None:
            self.drop_database()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --- measuring -----------------------------------------------------------------------------------
class Uploads:
    def __init__(self, stack: Stack, jpegs: list[bytes]):
        self.stack, self.jpegs, self.count = stack, jpegs, 0
        self.lock = threading.Lock()
        self.session = threading.local()

    def one(self) -> tuple[str, float, float]:
        """Upload one photo: (public id, the moment the request was sent, its latency)."""
        with self.lock:
            data = self.jpegs[self.count % len(self.jpegs)]
            self.count += 1
        session = getattr(self.session, "s", None) or requests.Session()
        self.session.s = session
        sent, started = time.time(), time.perf_counter()
        reply = session.post(f"{self.stack.base}/photos",
                             files={"source": ("photo.jpg", data, "image/jpeg")},
                             headers={"Authorization": f"Bearer {self.stack.token}"},
                             timeout=120)
        took = time.perf_counter() - started
        if reply.status_code != 201:
            raise SystemExit(f"upload answered {reply.status_code}: {reply.text[:500]}")
        return reply.json()["_id"], sent, took


class Database:
    """The bench's one connection to the run's database (polled every 20 ms: a new connection
    each time would cost PostgreSQL a process each); its backend is left out of the CPU
    figures."""

    def __init__(self, url: str):
        self.conn = psycopg.connect(url, autocommit=True)
        self.pid = self.conn.execute("SELECT pg_backend_pid()").fetchone()[0]

    def processed(self, ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
        rows = self.conn.execute("SELECT public_id, status, processed_at FROM photos_photo "
                                 "WHERE public_id = ANY(%s)", (ids,)).fetchall()
        return {public_id: (status, at) for public_id, status, at in rows}

    def close(self):
        self.conn.close()


def wait_ready(db: Database, ids: list[str], timeout: float) -> list[float]:
    """The photos' ``processed_at`` (epoch seconds) once every one is ready."""

    def done():
        seen = db.processed(ids)
        failed = [i for i, (status, _) in seen.items() if status == "failed"]
        if failed:
            raise SystemExit(f"{len(failed)} photo(s) failed to render")
        ready = [at for status, at in seen.values() if status == "ready"]
        return ready if len(ready) == len(ids) else None

    return [at.timestamp() for at in wait_for(done, timeout, "the photos to be ready", 0.02)]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def group_cpu(pgid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far by the live processes of a process group: all
    of them, and its leader alone (a Celery worker's consumer, beside its pool processes)."""
    total = leader = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields from the state on: pgrp, ..., utime, stime
            used = int(fields[11]) + int(fields[12])
            total += used
            leader += used if int(entry) == pgid else 0
    return total / os.sysconf("SC_CLK_TCK"), leader / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(CPU seconds the whole machine has been busy, all cores, and a wall clock) now."""
    with open("/proc/stat") as handle:
        values = [int(x) for x in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK"), time.monotonic()


def pid_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by one process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def commands() -> list[tuple[int, str]]:
    """Every process of the machine: (pid, command line as ``ps`` shows it)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    command = handle.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            found.append((int(entry), command.strip()))
    return found


TASK_RUNTIME = re.compile(r"Task photos\.render_photo\[[^\]]+\] succeeded in ([0-9.]+)s")


def drain(stack: Stack, uploads: Uploads, processes: int, backlog: int):
    """Upload ``backlog`` photos from CLIENTS concurrent clients with no worker running, then
    start a worker of ``processes`` processes and time the drain. Each process's first photos
    (imports, first connections) are left out of every figure: rates and CPU are taken from
    the moment ``2 x processes`` photos are ready to the last."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        made = list(pool.map(lambda _: uploads.one(), range(backlog)))
    ids, warm = [m[0] for m in made], 2 * processes
    worker = stack.worker(processes)
    pgid, mark, deadline = worker.process.pid, None, time.monotonic() + 60 + backlog * 5
    while True:
        seen = stack.db.processed(ids)
        if any(status == "failed" for status, _ in seen.values()):
            raise SystemExit("a photo failed to render")
        count = sum(status == "ready" for status, _ in seen.values())
        if mark is None and count >= warm:
            mark = (group_cpu(pgid), count, stack.service_cpu(), machine_busy())
        if count == backlog:
            (total, leader), done = group_cpu(pgid), backlog - mark[1]
            services = {name: (used - mark[2][name]) / done
                        for name, used in stack.service_cpu().items()}
            busy, wall = (now - then for now, then in zip(machine_busy(), mark[3]))
            # what the rest of the machine (other sessions, the bench itself) used, in cores
            ours = (total - mark[0][0]) + sum(services.values()) * done
            others = max(0.0, (busy - ours) / wall)
            cpu_per_photo = ((total - mark[0][0]) / done, (leader - mark[0][1]) / done,
                             services, others)
            break
        if time.monotonic() > deadline:
            raise SystemExit("the backlog was not rendered in time")
        time.sleep(0.02)
    worker.stop()
    runtimes = [float(x) for x in TASK_RUNTIME.findall(worker.output())][warm:]
    ready = sorted(at.timestamp() for _, at in seen.values())
    rate = (len(ready) - warm) / (ready[-1] - ready[warm - 1])
    return [m[2] for m in made], rate, runtimes, cpu_per_photo


# ``python -c`` this, the profile's path, ``-m module args...``: the module run under cProfile
# timed on the process's CPU time (waits for PostgreSQL, S3 or the broker cost nothing)
CPU_PROFILE = """
import cProfile, runpy, sys, time
out, module = sys.argv[1], sys.argv[3]
sys.argv = [module, *sys.argv[4:]]
profile = cProfile.Profile(time.process_time)
profile.enable()
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profile.disable()
    profile.dump_stats(out)
"""


def profile_worker(stack: Stack, uploads: Uploads, backlog: int, path: str):
    """A backlog drained by ``scripts/worker --pool=solo`` run under cProfile (tasks run in
    the worker's main process); the profile is written when TERM stops it."""
    import pstats

    with ThreadPoolExecutor(CLIENTS) as pool:
        ids = [m[0] for m in pool.map(lambda _: uploads.one(), range(backlog))]
    path = str(Path(path).resolve())
    worker = stack.worker(1, profile=path)
    wait_ready(stack.db, ids, 60 + backlog * 5)
    worker.stop()
    stats = pstats.Stats(path)
    print(f"\n{backlog} photos rendered by one solo worker under cProfile; per photo divide by "
          f"{backlog}\n")
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=20, help="uploads with an idle worker")
    parser.add_argument("--backlog", type=int, default=40, help="photos per throughput drain")
    parser.add_argument("--render-reps", type=int, default=3)
    parser.add_argument("--images", type=int, default=4, help="distinct JPEGs made")
    parser.add_argument("--storage", choices=("s3", "local"), default="s3",
                        help="local: a media folder instead of the S3 server (for comparison)")
    parser.add_argument("--profile", metavar="FILE",
                        help="instead of the figures: a backlog drained by one solo worker "
                             "process under cProfile, its statistics saved to FILE and shown")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} at start",
          flush=True)
    jpegs = make_jpegs(args.images)
    size_mb = statistics.mean(len(j) for j in jpegs) / 1e6
    print(f"{args.images} JPEGs {WIDTH}x{HEIGHT} ({WIDTH * HEIGHT / 1e6:.2f} MP), "
          f"{size_mb:.1f} MB each; set '{SET}' ({len(specs_for_set(SET))} renditions); "
          f"storage: {args.storage}",
          flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="photodesk-throughput-"))
    stack = Stack(workdir, args.storage)
    try:
        stack.start()
        uploads = Uploads(stack, jpegs)
        # 1. render() alone, in this process, while the stack is idle
        render_wall, render_cpu = time_render_alone(jpegs, args.render_reps)
        alone1, alone2 = render_scaling(jpegs, args.render_reps)
        if args.profile:
            profile_worker(stack, uploads, args.backlog, args.profile)
            return
        # 2. an idle worker: one upload at a time, each waited for
        worker = stack.worker(1)
        warm_up, _, _ = uploads.one()  # first connections, first imports in the worker
        wait_ready(stack.db, [warm_up], 120)
        time.sleep(2)
        request_idle, to_ready = [], []
        for _ in range(args.idle):
            public_id, sent, took = uploads.one()
            (at,) = wait_ready(stack.db, [public_id], 120)
            request_idle.append(took)
            to_ready.append(at - sent)
            time.sleep(0.3)
        worker.stop()
        # 3. throughput: a backlog drained by 1, then by 2 worker processes
        request_busy, rate1, runtimes1, cpu1 = drain(stack, uploads, 1, args.backlog)
        more, rate2, runtimes2, cpu2 = drain(stack, uploads, 2, args.backlog)
        request_busy += more
        load_end = os.getloadavg()[0]
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    per_photo = 1 / rate1
    task = statistics.median(runtimes1) if runtimes1 else float("nan")
    request_p50 = pct(request_idle, 50)
    ready_p50 = pct(to_ready, 50)
    overhead = (per_photo - render_wall) / render_wall
    cpu_overhead = (cpu1[0] - render_cpu) / render_cpu
    scaling = rate2 / rate1
    ms = 1000
    ready_bound = 1.3 * (render_wall + request_p50)
    runtime2 = statistics.median(runtimes2) if runtimes2 else float("nan")

    services = "".join(f"\n  {name}: {cpu1[2][name] * ms:.1f} ms; {cpu2[2][name] * ms:.1f} ms"
                       for name in cpu1[2])
    # the stack's CPU per photo (worker + every other process it needs) bounds photos/s by the
    # cores it can have: 2 on an idle machine, fewer while other sessions hold some
    stack1, stack2 = (cpu[0] + sum(cpu[2].values()) for cpu in (cpu1, cpu2))
    cores = os.cpu_count()
    ceiling_idle = min(2.0, cores / stack2 / rate1)
    ceiling_left = min(2.0, (cores - cpu2[3]) / stack2 / rate1)

    def verdict(ok):
        return "met" if ok else "MISSED"

    print(f"""
render() alone (median, {args.render_reps} x {args.images} photos): \
{render_wall * ms:.0f} ms wall, {render_cpu * ms:.0f} ms CPU
render() alone in 1 process, then 2 at once: {alone1:.1f} and {alone2:.1f} renders/s \
({alone2 / alone1:.2f}x)

upload request, 1 client, idle worker ({len(request_idle)}):  p50 {request_p50 * ms:.0f} ms   \
p99 {pct(request_idle, 99) * ms:.0f} ms
upload request, {CLIENTS} concurrent clients ({len(request_busy)}):   p50 \
{pct(request_busy, 50) * ms:.0f} ms   p99 {pct(request_busy, 99) * ms:.0f} ms
upload-to-ready, idle worker ({len(to_ready)}):       p50 {ready_p50 * ms:.0f} ms   \
p99 {pct(to_ready, 99) * ms:.0f} ms

1 worker process:   {rate1:.2f} photos/s ({per_photo * ms:.0f} ms per photo; Celery's task run \
time, median: {task * ms:.0f} ms)
2 worker processes: {rate2:.2f} photos/s ({scaling:.2f}x); task run time, median: \
{runtime2 * ms:.0f} ms
overhead (per-photo worker time - render()) / render(): {overhead * 100:.0f} % \
(Celery's task run time instead: {(task - render_wall) / render_wall * 100:.0f} %)
worker CPU per photo (all its processes): {cpu1[0] * ms:.0f} ms with 1 process, \
{cpu2[0] * ms:.0f} ms with 2, of which its consumer process {cpu1[1] * ms:.1f} ms and \
{cpu2[1] * ms:.1f} ms; render() {render_cpu * ms:.0f} ms CPU: \
CPU overhead {cpu_overhead * 100:.0f} %
CPU per photo of the other processes of this machine during the drains (1 process; 2): \
{services}
the stack's CPU per photo (worker + the processes above): {stack1 * ms:.0f} ms; \
{stack2 * ms:.0f} ms
cores used by the rest of the machine (other sessions, the bench) during the drains: \
{cpu1[3]:.2f}; {cpu2[3]:.2f}
ceiling of the 2-process scaling (at most 2x): {cores} cores / {stack2 * ms:.0f} ms = \
{cores / stack2:.2f} photos/s = {ceiling_idle:.2f}x with the machine to itself; \
{cores - cpu2[3]:.2f} cores left by the rest = {ceiling_left:.2f}x in this run; \
render() alone scaled {alone2 / alone1:.2f}x
load average at the end: {load_end:.2f} (the machine has {os.cpu_count()} CPUs)

target upload-to-ready p50 <= 1.3 x (render() + upload request) = {ready_bound * ms:.0f} ms: \
{verdict(ready_p50 <= ready_bound)} ({ready_p50 * ms:.0f} ms)
target overhead <= 15 %, wall time: {verdict(overhead <= 0.15)} ({overhead * 100:.0f} %)
target overhead <= 15 %, CPU time: {verdict(cpu_overhead <= 0.15)} ({cpu_overhead * 100:.0f} %)
target 2 workers >= 1.7 x 1 worker: {verdict(scaling >= 1.7)} ({scaling:.2f}x)""")

if __name__ == "__main__":
    main()
