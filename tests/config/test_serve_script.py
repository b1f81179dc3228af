"""``scripts/serve``, the embedded start, serves no debug pages unless asked: it is run here with
stand-ins for the virtualenv's programs that record how they are called, then Django's
development server is started the way the script starts it, with the environment it gives.

Started a second time while its port is busy, it stops before it touches anything: that is shown
with the real script on a real first instance (this checkout's Python, stand-ins for pip and
celery only)."""

import json
import os
import re
import shutil
import signal
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
    # its exit status is the stopped worker's (the stand-ins return at once): not asserted;
    # a free port, since 8000 may be taken on this machine (the script checks it first)
    subprocess.run(["bash", str(checkout / "scripts" / "serve")], cwd=checkout,
                   env=clean_environment(DATA_DIR=str(tmp_path / "data"), PORT=str(free_port())),
                   timeout=60, capture_output=True)
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
        f"127.0.0.1:{port}" if arg.startswith("127.0.0.1:") else arg
        for arg in runserver["argv"][2:]]
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


def python_checkout(tmp_path):
    """A checkout whose ``.venv`` runs this Python (with this checkout's packages) and has
    recording stand-ins for pip and celery: the script runs for real, installs nothing, and
    starts no worker. Returns the checkout and the log of the stand-ins' calls."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in (".venv", "data", "media", "scripts", ".git") and \
                not entry.name.startswith((".pytest", ".ruff", "__pycache__")):
            (checkout / entry.name).symlink_to(entry)
    (checkout / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "serve", checkout / "scripts" / "serve")
    log = tmp_path / "calls.jsonl"
    bin_dir = checkout / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    for program in ("pip", "celery"):
        (bin_dir / program).write_text(RECORDER.format(python=sys.executable, log=str(log)))
    for program in ("python", "pip", "celery"):
        (bin_dir / program).chmod(stat.S_IRWXU)
    return checkout, log


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_the_port_comes_from_the_environment(serve_calls):
    (runserver,) = [call for call in serve_calls if "runserver" in call["argv"]]
    port = runserver["env"]["PORT"]
    assert port != "8000"
    assert f"127.0.0.1:{port}" in runserver["argv"]
    (demo,) = [call for call in serve_calls if "demo" in call["argv"]]
    assert f"http://127.0.0.1:{port}" in demo["argv"]


def test_a_second_start_on_a_busy_port_changes_nothing(tmp_path):
    checkout, log = python_checkout(tmp_path)
    port = free_port()
    env = clean_environment(DATA_DIR=str(tmp_path / "data"), PORT=str(port))
    serve = ["bash", str(checkout / "scripts" / "serve")]
    first = subprocess.Popen(serve, cwd=checkout, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        printed = []
        for line in first.stdout:  # the demo's lines, until its tokens
            printed.append(line)
            if "workspace token" in line:
                break
        output = "".join(printed)
        token = re.search(r"user token \(30 days\): (\S+)", output)
        assert token, output
        token = token[1]
        admin_password = re.search(r"admin / (\S+)", output)[1]
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert first.poll() is None and time.monotonic() < deadline, "no first instance"
                time.sleep(0.2)
        principal = urllib.request.Request(f"http://127.0.0.1:{port}/api/principal",
                                           headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(principal, timeout=10) as response:
            assert json.loads(response.read())["user"]["username"] == "demo"
        calls_before = log.read_text()
        data_before = {path: path.stat().st_mtime_ns
                       for path in (tmp_path / "data").glob("*.sqlite3*")}

        second = subprocess.Popen(serve, cwd=checkout, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = second.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            stop(second)
            out, err = second.communicate()
        # the first instance's token and password still work, its database untouched
        with urllib.request.urlopen(principal, timeout=10) as response:
            assert json.loads(response.read())["user"]["username"] == "demo"
        assert data_before == {path: path.stat().st_mtime_ns
                               for path in (tmp_path / "data").glob("*.sqlite3*")}
        check = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from accounts.models import User; "
             f"print(User.objects.get(username='admin').check_password({admin_password!r}))"],
            cwd=checkout, env=env, capture_output=True, text=True, timeout=60)
        assert check.stdout.strip().splitlines()[-1:] == ["True"], check.stderr
        assert log.read_text() == calls_before  # neither pip nor celery ran
        # and it said why, and failed
        assert second.returncode not in (0, None)
        assert f"port {port}" in err and "busy" in err and "Nothing was changed" in err
        assert "token" not in out
    finally:
        stop(first)
