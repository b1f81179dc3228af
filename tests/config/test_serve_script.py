"""``scripts/serve``, the embedded start, serves no debug pages unless asked: it is run here with
stand-ins for the virtualenv's programs that record how they are called, then Django's
development server is started the way the script starts it, with the environment it gives."""

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from config.env import env_bool

ROOT = Path(__file__).resolve().parent.parent.parent
RECORDER = """#!{python}
import json, os, sys
with open({log!r}, "a") as log:
    log.write(json.dumps({{"argv": sys.argv, "env": dict(os.environ)}}) + "\\n")
"""


def clean_environment(**variables):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {**keep, **variables}


@pytest.fixture
def serve_calls(tmp_path):
    """How ``scripts/serve`` calls python, pip and celery when no DEBUG is set: a list of
    ``{"argv", "env"}``."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "serve", checkout / "scripts" / "serve")
    (checkout / "requirements.txt").write_text("")
    log = tmp_path / "calls.jsonl"
    bin_dir = checkout / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for program in ("python", "pip", "celery"):
        (bin_dir / program).write_text(RECORDER.format(python=sys.executable, log=str(log)))
        (bin_dir / program).chmod(stat.S_IRWXU)
    # its exit status is the stopped worker's (the stand-ins return at once): not asserted
    subprocess.run(["bash", str(checkout / "scripts" / "serve")], cwd=checkout,
                   env=clean_environment(DATA_DIR=str(tmp_path / "data")), timeout=60,
                   capture_output=True)
    return [json.loads(line) for line in log.read_text().splitlines()]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def test_the_embedded_start_does_not_turn_debug_on(serve_calls):
    (runserver,) = [call for call in serve_calls if "runserver" in call["argv"]]
    assert env_bool("DEBUG", False, environ=runserver["env"]) is False
    # the admin's static files are still served without DEBUG
    assert "--insecure" in runserver["argv"]


def test_the_embedded_server_shows_no_debug_page(serve_calls, tmp_path):
    (runserver,) = [call for call in serve_calls if "runserver" in call["argv"]]
    port = free_port()
    argv = [sys.executable, "manage.py"] + [
        f"127.0.0.1:{port}" if arg == "127.0.0.1:8000" else arg for arg in runserver["argv"][2:]]
    canary = f"canary-{uuid.uuid4().hex}"  # a secret of the environment a debug page would show
    server = subprocess.Popen(argv, cwd=ROOT, env={**runserver["env"], "PHOTODESK_CANARY": canary},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        status, body = get(f"{base}/no/such/page")
        assert status == 404
        assert "URLconf" not in body and "config.urls" not in body
        for path in ("/o/userinfo/", "/o/.well-known/openid-configuration",
                     "/o/.well-known/jwks.json"):
            status, body = get(f"{base}{path}?access_token={canary}")
            assert status == 404 and canary not in body
        status, body = get(f"{base}/static/admin/css/base.css")
        assert status == 200 and "body" in body
    finally:
        server.terminate()
        server.wait(timeout=10)
