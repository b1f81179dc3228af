"""Real processes for the fault tests: the API server, a Celery worker and beat (the sweeper) as
subprocesses on the test database (``Stack``), a Redis of the test's own (``RedisServer``), a disk
that fills up (``Tmpfs``), and what storage and the database hold. The fixtures that start them
are in ``tests.support.plugins.faults``.

Deadlines are short here (the sweeper runs every second and calls a photo stuck after a few
seconds) so that each test takes seconds, not the production minutes.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import requests

from config import queues
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")

# the deadlines the subprocesses run with (see config/settings.py)
FAST = {
    "PHOTO_RENDER_TIME_LIMIT": "4",
    "PHOTO_STUCK_AFTER_SECONDS": "6",
    "PHOTO_SWEEP_SECONDS": "1",
    "PHOTO_RETRY_BASE_SECONDS": "0.2",
    "BROKER_TIMEOUT_SECONDS": "1",
    "BROKER_VISIBILITY_TIMEOUT": "8",
    "WEBHOOK_RETRY_BASE_SECONDS": "0.2",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway ``redis-server`` on its own port, keeping nothing on disk (as the shared one)."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, 10, "redis-server to start")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


class Service:
    """A subprocess of Photodesk (``runserver``, ``celery worker``, ``celery beat``) in its own
    process group, so that SIGKILL takes it whole."""

    def __init__(self, name, argv, env, log_dir: Path):
        self.name = name
        self.log_path = log_dir / f"{name}-{uuid.uuid4().hex[:6]}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self):
        """SIGKILL, to the whole process group: no cleanup of any kind runs."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")


class Stack:
    """The processes of one fault test and what they share (environment, media folder)."""

    def __init__(self, tmp_path: Path, database_url: str):
        self.tmp_path = tmp_path
        self.media = tmp_path / "media"
        self.media.mkdir()
        self.queue_prefix = f"faults-{uuid.uuid4().hex[:8]}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)},
            **FAST,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DATA_DIR": str(tmp_path / "data"),
            "MEDIA_ROOT": str(self.media),
            "QUEUE_PREFIX": self.queue_prefix,
            "OUTBOUND_ALLOWED_HOSTS": os.environ.get("OUTBOUND_ALLOWED_HOSTS", ""),
            "PYTHONUNBUFFERED": "1",
        }
        self.services: list[Service] = []
        self.port = None

    def configure(self, **env):
        self.env.update({key: str(value) for key, value in env.items()})

    def use_media(self, folder: Path):
        self.media = folder
        self.configure(MEDIA_ROOT=folder)

    def _start(self, name, argv, **env) -> Service:
        service = Service(name, argv, {**self.env, **env}, self.tmp_path)
        self.services.append(service)
        return service

    def web(self, **env) -> Service:
        self.port = free_port()
        service = self._start("web", [sys.executable, "manage.py", "runserver",
                                      f"127.0.0.1:{self.port}", "--noreload"], **env)
        wait_until(lambda: self._listening() or not service.alive(), 30, "the web server")
        assert service.alive(), service.output()
        return service

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            return True
        except OSError:
            return False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker(self, **env) -> Service:
        service = self._start("worker", [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
            "--loglevel=INFO", "-Q", ",".join(queues.names(queue_prefix=self.queue_prefix)),
            "--include", "tests.worker_hooks", "-n",
            f"{self.queue_prefix}-{uuid.uuid4().hex[:4]}@%h", "--without-gossip",
            "--without-mingle", "--without-heartbeat"], **env)
        wait_until(lambda: "ready." in service.output() or not service.alive(), 60,
                   "the worker to start")
        assert service.alive(), service.output()
        return service

    def beat(self, **env) -> Service:
        return self._start("beat", [
            sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
            "--schedule", str(self.tmp_path / f"beat-{uuid.uuid4().hex[:6]}")], **env)

    def manage(self, *argv, **env) -> str:
        """``manage.py argv...`` run to its end with the stack's environment: its output."""
        done = subprocess.run([sys.executable, "manage.py", *argv], cwd=ROOT,
                              env={**self.env, **{k: str(v) for k, v in env.items()}},
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def stop(self):
        for service in reversed(self.services):
            service.stop()

    def logs(self) -> str:
        return "\n".join(f"--- {s.name} ---\n{s.output()[-4000:]}" for s in self.services)

    # --- what storage holds ----------------------------------------------------------------------
    def stored_keys(self) -> set[str]:
        """The photos' files in storage (what else the folder holds is not theirs)."""
        return {str(path.relative_to(self.media)) for path in (self.media / "photos").rglob("*")
                if path.is_file()}


def database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return (f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


def files_the_database_points_at() -> set[str]:
    from photos.models import Photo, Rendition

    return (set(Photo.objects.values_list("original", flat=True))
            | set(Rendition.objects.values_list("storage_key", flat=True)))


def settled(photos) -> bool:
    """Every photo is ready, or failed with a reason."""
    for photo in photos:
        photo.refresh_from_db()
        if photo.status not in ("ready", "failed") or (
                photo.status == "failed" and not photo.failure_reason):
            return False
    return True


def upload(stack, token, data: bytes, path="/photos", field="source", timeout=20.0,
           headers=None, **form):
    """A multipart upload through the API server, as a client sends it."""
    return requests.post(f"{stack.url}{path}", files={field: ("photo.jpg", data, "image/jpeg")},
                         data=form, headers={"Authorization": f"Bearer {token}",
                                             **(headers or {})}, timeout=timeout)


def shared_redis_url(db: int = 5) -> str:
    """The shared Redis, on a database of its own: a fault test's short visibility timeout must
    not touch the tasks of the suite's own worker (kombu keeps unacknowledged tasks per
    database)."""
    from django.conf import settings

    base = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    return base.rsplit("/", 1)[0] + f"/{db}"


def keys_of(stack, photo) -> set[str]:
    return {key for key in stack.stored_keys() if f"/{photo.public_id}/" in key}


class Tmpfs:
    """A small tmpfs mounted for the test: a disk that really fills up (ENOSPC)."""

    def __init__(self, path: Path, size: str):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                       check=True, capture_output=True)

    def fill(self):
        """Fill the disk to the last byte (free() gives the room back)."""
        fd = os.open(self.path / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    continue
        finally:
            os.close(fd)

    def free(self):
        (self.path / "filler").unlink(missing_ok=True)

    def unmount(self):
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)
