"""The production start on this machine: ``scripts/release``, ``scripts/web`` (gunicorn) and
``scripts/worker`` run unchanged, with DEBUG off and the production settings (not the test
settings), on the test database and the shared Redis. The fixtures that start them are in
``tests.support.plugins.production``.

The processes' database connections carry an ``application_name`` of their own, so that
``pg_stat_activity`` tells them from the test's and the suite worker's.
"""

import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import requests

from tests.support.processes import ROOT, Service, database_url, free_port
from tests.support.waiting import wait_until

# what the web server runs with: 2 processes x 4 threads, so at most 8 database connections
WEB_CONCURRENCY = 2
WEB_THREADS = 4


class ProductionStack:
    """The production processes of a test module, each started by its script."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.port = free_port()
        self.queue_prefix = f"production-{uuid.uuid4().hex[:8]}"
        self.app_name = f"photodesk-web-{uuid.uuid4().hex[:8]}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHON": sys.executable,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PHOTODESK_REQUIRE_SECRET_KEY": "1",
            "DATA_DIR": str(tmp_path / "data"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(WEB_CONCURRENCY),
            "WEB_THREADS": str(WEB_THREADS),
            "WORKER_CONCURRENCY": "1",
            "QUEUE_PREFIX": self.queue_prefix,
            # one worker on every queue, webhooks too: /readyz asks each for a live worker
            "WORKER_QUEUES": "interactive,webhooks,housekeeping,bulk",
            # a dead worker shows in /readyz after 5 s rather than the default 45 (the smoke
            # waits for it): the same mechanism, sooner
            "WORKER_HEARTBEAT_SECONDS": "1",
            "WORKER_STALE_AFTER_SECONDS": "5",
            "PYTHONUNBUFFERED": "1",
            # HTTPS as behind a TLS-terminating proxy on this host (FORWARDED_ALLOW_IPS'
            # default, 127.0.0.1): requests say X-Forwarded-Proto: https (see get())
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "60",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
            "SECURE_HSTS_PRELOAD": "1",
            "SECURE_COOKIES": "1",
        }
        self.database_url = database_url()
        self.services: list[Service] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, url, headers=None, **kwargs) -> requests.Response:
        """A request as the TLS-terminating proxy forwards it (``url`` a path, or an absolute
        URL of the service, https included)."""
        path = url.split(f"127.0.0.1:{self.port}", 1)[-1]
        return requests.request(method, f"{self.url}{path}", timeout=kwargs.pop("timeout", 30),
                                headers={"X-Forwarded-Proto": "https", **(headers or {})},
                                allow_redirects=False, **kwargs)

    def get(self, url, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def release(self) -> str:
        """``scripts/release``: migrations, collectstatic, check --deploy. Its output."""
        done = subprocess.run(["bash", str(ROOT / "scripts" / "release")], cwd=self.tmp_path,
                              env={**self.env, "DATABASE_URL": self.database_url},
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def _start(self, name, script, app_name, *args) -> Service:
        env = {**self.env, "DATABASE_URL": f"{self.database_url}?application_name={app_name}"}
        service = Service(name, ["bash", str(ROOT / "scripts" / script), *args], env,
                          self.tmp_path)
        self.services.append(service)
        return service

    def web(self) -> Service:
        service = self._start("web", "web", self.app_name)
        wait_until(lambda: self._answers() or not service.alive(), 60, "gunicorn to answer")
        assert service.alive(), service.output()
        return service

    def _answers(self) -> bool:
        try:
            return requests.get(f"{self.url}/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def worker(self) -> Service:
        """``scripts/worker`` on this stack's queues; kill() it (its whole process group) and call
        this again for a new one."""
        service = self._start("worker", "worker", "photodesk-worker", "--without-gossip",
                              "--without-mingle", "-n",
                              f"{self.queue_prefix}-{uuid.uuid4().hex[:4]}@%h")
        wait_until(lambda: "ready." in service.output() or not service.alive(), 60,
                   "the worker to start")
        assert service.alive(), service.output()
        return service

    def stop(self):
        for service in reversed(self.services):
            service.stop()

    def logs(self) -> str:
        return "\n".join(f"--- {s.name} ---\n{s.output()[-4000:]}" for s in self.services)


def connections_of(app_name: str) -> int:
    """How many connections to the test database ``pg_stat_activity`` shows for ``app_name``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                       " AND application_name = %s", [app_name])
        return cursor.fetchone()[0]
