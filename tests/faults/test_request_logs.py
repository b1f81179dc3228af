"""The request log with real processes: a Graph upload's log line in the web server's log and
its render's lines in the worker's log share the request ID, and the token the client sent in
the query string appears in neither."""

import re

import pytest
import requests

from tests.support.images import jpeg_bytes
from tests.support.processes import settled
from tests.support.waiting import wait_until

TOKEN_SENT = "query-token"


@pytest.mark.django_db(transaction=True)
def test_a_request_and_its_task_share_the_request_id_and_log_no_token(stack,
                                                                      all_dialects_caller):
    from photos.models import Photo

    stack.web()
    stack.worker()
    token = all_dialects_caller["token"]
    response = requests.post(f"{stack.url}/me/photos", params={"access_token": token},
                             files={"source": ("photo.jpg", jpeg_bytes(120, 90), "image/jpeg")},
                             headers={"X-Request-ID": "upload-7f3a"}, timeout=20)
    assert response.status_code == 200, response.text
    assert response.headers["X-Request-ID"] == "upload-7f3a"
    (photo,) = Photo.objects.all()
    wait_until(lambda: settled([photo]), 30, "the photo rendered by the worker")
    web, worker = stack.services
    application = photo.application.client_id

    def request_line():
        return re.search(r"^.*photodesk\.request \[upload-7f3a\] POST /me/photos\?access_token="
                         r"\[redacted\] 200 [\d.]+ms app=(\S+)$", web.output(), re.M)

    line = wait_until(request_line, 10, "the request's log line")
    assert line[1] == application
    task_lines = wait_until(
        lambda: re.findall(r"^.*\[upload-7f3a\].*$", worker.output(), re.M), 10,
        "the render's log lines carrying the request ID")
    assert any("photos.render_photo" in line for line in task_lines), worker.output()
    # another request gets an ID of its own, returned to it
    other = requests.get(f"{stack.url}/healthz", timeout=10).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", other)
    for log in (web.output(), worker.output()):
        assert token not in log
