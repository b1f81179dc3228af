"""The production start, on this machine: the scripts a process manager runs (release, web,
worker) with DEBUG off, PostgreSQL and Redis, checked over HTTP as a client, a browser and a
platform's probes see it.
"""

import re
import threading
import time
from http.client import HTTPConnection

import pytest
import requests

from tests.support.images import jpeg_bytes
from tests.support.production import WEB_CONCURRENCY, WEB_THREADS, connections_of
from tests.support.waiting import wait_until

pytestmark = pytest.mark.production


def test_the_release_step_finds_nothing_to_warn_about(production):
    # scripts/release ran check --deploy under this (HTTPS) production environment
    assert "System check identified no issues (0 silenced)." in production.release_output


def test_the_admin_css_is_served_under_a_hashed_name_by_whitenoise(production):
    page = production.get("/admin/login/")
    assert page.status_code == 200
    (css,) = re.findall(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page.text)
    response = production.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Content-Encoding"] == "gzip"  # compressed at collectstatic
    # a hashed name never changes content: cached for good
    assert "immutable" in response.headers["Cache-Control"]
    assert "#header" in response.text or "header" in response.text


def test_plain_http_is_sent_to_https_and_https_is_remembered(production):
    plain = requests.get(f"{production.url}/admin/login/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{production.port}/admin/login/"
    secure = production.get("/admin/login/")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=60")
    cookies = secure.raw.headers.getlist("Set-Cookie")  # the login form's CSRF cookie
    assert cookies and all("; Secure" in cookie for cookie in cookies)


def test_debug_is_off(production):
    response = production.get("/no-such-page/at-all")
    assert response.status_code == 404
    assert "DEBUG = True" not in response.text and "Traceback" not in response.text


def test_healthz_answers_200_to_a_plain_http_probe(production):
    # a platform's probe calls the process directly, without the proxy: never redirected
    response = requests.get(f"{production.url}/healthz", allow_redirects=False, timeout=10)
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_rendered_by_the_worker_and_ready(production, production_worker,
                                                       generic_token):
    auth = {"Authorization": f"Bearer {generic_token}"}
    created = production.request(
        "POST", "/photos", headers=auth,
        files={"source": ("photo.jpg", jpeg_bytes(640, 480), "image/jpeg")})
    assert created.status_code == 201, created.text
    photo_path = f"/photo/{created.json()['_id']}"

    def status():
        return production.get(photo_path, headers=auth).json()["status"]

    wait_until(lambda: status() in ("ready", "failed"), 60, "the photo to be rendered")
    body = production.get(photo_path, headers=auth).json()
    assert body["status"] == "ready", production.logs()
    assert body["small_url"].startswith(f"https://127.0.0.1:{production.port}/")
    image = production.get(body["small_url"])
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/jpeg"


def test_readyz_fails_once_the_worker_is_killed_and_recovers_with_a_new_one(production,
                                                                           production_worker):
    def readyz():
        return requests.get(f"{production.url}/readyz", allow_redirects=False, timeout=10)

    wait_until(lambda: readyz().status_code == 200, 60, "/readyz to be 200 with a worker up")
    assert all(check["ok"] for check in readyz().json()["checks"].values())
    production_worker.kill()  # SIGKILL, its whole process group: nothing says goodbye
    wait_until(lambda: readyz().status_code == 503, 60, "/readyz to fail with the worker dead")
    checks = readyz().json()["checks"]
    assert checks["worker"]["ok"] is False
    assert all(checks[name]["ok"] for name in ("database", "broker", "storage"))
    assert requests.get(f"{production.url}/healthz", timeout=10).status_code == 200  # alive
    production.worker()
    wait_until(lambda: readyz().status_code == 200, 60, "/readyz to be 200 with a new worker")


CLIENTS = 50
REQUESTS_EACH = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_clients_without_keep_alive_all_succeed_within_the_connection_bound(
        production, generic_token):
    """50 clients making 10 requests each, a new TCP connection per request (what made
    runserver open a thread, and a database connection, per client): every request answers,
    and the server never holds more database connections than its processes x threads."""
    bound = WEB_CONCURRENCY * WEB_THREADS
    statuses, errors, peak = [], [], [0]
    done = threading.Event()

    def client():
        for _ in range(REQUESTS_EACH):
            connection = HTTPConnection("127.0.0.1", production.port, timeout=60)
            try:
                connection.request("GET", "/api/principal", headers={
                    "Authorization": f"Bearer {generic_token}", "Connection": "close",
                    "X-Forwarded-Proto": "https"})
                statuses.append(connection.getresponse().status)
            except OSError as error:
                errors.append(repr(error))
            finally:
                connection.close()

    def watch():
        from django.db import connection

        try:
            while not done.is_set():
                peak[0] = max(peak[0], connections_of(production.app_name))
                time.sleep(0.05)
        finally:
            connection.close()  # this thread's own

    watcher = threading.Thread(target=watch)
    watcher.start()
    clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
    try:
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout=180)
    finally:
        done.set()
        watcher.join(timeout=10)
    assert not any(thread.is_alive() for thread in clients), "clients still waiting after 3 min"
    assert errors == []
    assert statuses.count(200) == CLIENTS * REQUESTS_EACH, sorted(set(statuses))
    # the load reached the database, and never through more connections than the bound
    assert 1 <= peak[0] <= bound, peak[0]
    assert connections_of(production.app_name) <= bound
