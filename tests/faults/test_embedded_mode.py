"""The embedded start (SQLite, a filesystem queue, the worker with its beat) with a webhook
receiver that answers one byte at a time: while the worker waits on it, the API still takes
uploads. A transaction held across the call would hold SQLite's write lock, and every upload
meanwhile would fail with "database is locked" after SQLite's 20 s timeout."""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.support.images import jpeg_bytes
from tests.support.processes import ROOT, Service, free_port
from tests.support.waiting import wait_until

SETUP = """
import json
from accounts.models import Application, Membership, User, Workspace
from accounts.services import issue_token
from records.models import Record, WorkflowRule
from records.services import find_module

user = User.objects.create_user("owner", password="pw-owner-123")
workspace = Workspace.objects.create(name="Org", slug="org")
Membership.objects.create(user=user, workspace=workspace, role="owner")
app = Application.objects.create(name="client", client_type="confidential",
                                 authorization_grant_type="authorization-code",
                                 redirect_uris="http://127.0.0.1/cb")
token, _ = issue_token(app, ["ZohoCRM.modules.ALL", "user_photos", "manage_photos"], user=user)
leads = find_module(workspace, "crm", "Leads")
lead = Record.objects.create(workspace=workspace, module=leads, owner=user, created_by=user,
                             data={"Last_Name": "Doe"})
WorkflowRule.objects.create(module=leads, name="notify", webhook_url=HOOK)
print(json.dumps({"token": token, "lead": str(lead.zoho_id)}))
"""


class DribblingReceiver:
    """Takes the request, then sends its status line one byte every second (each byte within
    any read timeout), until told to stop."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.calls = threading.Event()
        self.done = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.getsockname()[1]}/hook"

    def serve(self):
        try:
            connection, _ = self.server.accept()
        except OSError:
            return
        with connection:
            connection.recv(65536)
            self.calls.set()
            for byte in b"HTTP/1.1 200 OK\r\n":
                if self.done.wait(1.0):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def close(self):
        self.done.set()
        self.server.close()


@pytest.fixture
def receiver():
    made = DribblingReceiver()
    yield made
    made.close()


def manage(env, *args, timeout=120):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_a_slow_webhook_receiver_does_not_freeze_uploads(tmp_path, receiver):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env = {**keep, "DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1",
           "OUTBOUND_ALLOWED_HOSTS": "127.0.0.1:*"}
    manage(env, "migrate", "--noinput")
    made = json.loads(manage(env, "shell", "-c", f"HOOK = {receiver.url!r}\n{SETUP}")
                      .strip().splitlines()[-1])
    port = free_port()
    services = [
        Service("worker", [sys.executable, "-m", "celery", "-A", "config", "worker",
                           "--loglevel=INFO", "--concurrency=1", "-B"], env, tmp_path),
        Service("web", [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}",
                        "--noreload"], env, tmp_path),
    ]
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: _answers(base), 30, "the web server")
        first = requests.post(
            f"{base}/crm/v2/Leads/{made['lead']}/photo",
            files={"file": ("a.jpg", jpeg_bytes(320, 240), "image/jpeg")},
            headers={"Authorization": f"Zoho-oauthtoken {made['token']}"}, timeout=30)
        assert first.status_code == 200, first.text
        # rendered by the worker, which then calls the rule's webhook: it hangs on the receiver
        assert receiver.calls.wait(60), "\n".join(s.output()[-3000:] for s in services)
        time.sleep(1)
        started = time.monotonic()
        second = requests.post(f"{base}/photos",
                               files={"source": ("b.jpg", jpeg_bytes(200, 150), "image/jpeg")},
                               headers={"Authorization": f"Bearer {made['token']}"},
                               timeout=15)
        assert second.status_code == 201, second.text
        assert not receiver.done.is_set()  # the receiver was still dribbling meanwhile
        print(f"upload during the webhook call: {time.monotonic() - started:.2f}s")
    finally:
        receiver.close()
        for service in services:
            service.stop()


def _answers(base) -> bool:
    try:
        return requests.get(f"{base}/healthz", timeout=5).status_code in (200, 503)
    except requests.RequestException:
        return False
