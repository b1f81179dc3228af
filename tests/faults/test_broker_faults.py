"""The broker killed, restarted, or hung (SIGSTOP) while clients upload: every dialect answers
at once in its own format, nothing is half-saved, and every photo is rendered once the broker is
back (the sweeper queues what could not be queued)."""

import time

import pytest
import requests

from tests.support.images import jpeg_bytes
from tests.support.processes import files_the_database_points_at, settled, upload
from tests.support.waiting import wait_until


def upload_in_every_dialect(stack, caller) -> dict:
    """One upload per dialect; each answer, and how long it took."""
    token, lead = caller["token"], caller["lead"]
    calls = {
        "generic": dict(path="/photos"),
        "graph": dict(path="/me/photos"),
        "chatter": dict(path="/services/data/v38.0/connect/user-profiles/me/photo",
                        field="fileUpload"),
        "zoho": dict(path=f"/crm/v2/Leads/{lead.zoho_id}/photo", field="file",
                     headers={"Authorization": f"Zoho-oauthtoken {token}"}),
    }
    answers = {}
    for dialect, call in calls.items():
        started = time.monotonic()
        response = upload(stack, token, jpeg_bytes(320, 240), timeout=15, **call)
        answers[dialect] = (response, time.monotonic() - started)
    return answers


def assert_accepted(answers):
    statuses = {dialect: response.status_code for dialect, (response, _) in answers.items()}
    assert statuses == {"generic": 201, "graph": 200, "chatter": 201, "zoho": 200}, {
        dialect: response.text[:300] for dialect, (response, _) in answers.items()}


@pytest.mark.django_db(transaction=True)
def test_uploads_while_the_broker_is_down_are_rendered_once_it_is_back(stack, redis_server,
                                                                        all_dialects_caller):
    from photos.models import Photo

    stack.configure(REDIS_URL=redis_server.url)
    stack.web()
    stack.worker()
    stack.beat()
    redis_server.kill()

    answers = upload_in_every_dialect(stack, all_dialects_caller)
    assert_accepted(answers)  # the client is told its photo was taken, not a 500
    photos = list(Photo.objects.order_by("pk"))
    assert len(photos) == 4
    assert {p.status for p in photos} == {"pending"}
    assert all(p.render_queued_at is None for p in photos)  # the broker never had them
    assert stack.stored_keys() == files_the_database_points_at()  # originals all there

    redis_server.start()
    wait_until(lambda: settled(photos), 60, "every photo rendered after the broker came back")
    assert {p.status for p in photos} == {"ready"}, stack.logs()
    wait_until(lambda: stack.stored_keys() == files_the_database_points_at(), 15,
               "storage holding exactly what the database points at")


@pytest.mark.django_db(transaction=True)
def test_a_hung_broker_costs_requests_seconds_and_loses_nothing(stack, redis_server,
                                                                all_dialects_caller):
    """SIGSTOP: the broker accepts connections and never answers. Every call to it is bounded,
    so uploads and /readyz answer (readyz: 503) instead of hanging."""
    from photos.models import Photo

    stack.configure(REDIS_URL=redis_server.url)
    stack.web()
    stack.worker()
    stack.beat()
    redis_server.hang()
    try:
        health = requests.get(f"{stack.url}/readyz", timeout=20)
        assert health.status_code == 503
        assert health.json()["checks"]["broker"] == {"ok": False, "ms": pytest.approx(
            health.json()["checks"]["broker"]["ms"])}
        assert "Error" not in health.text  # no exception names or messages for anonymous eyes
        response = upload(stack, all_dialects_caller["token"], jpeg_bytes(200, 150), timeout=20)
        assert response.status_code == 201, response.text
    finally:
        redis_server.resume()
    (photo,) = Photo.objects.all()
    wait_until(lambda: settled([photo]), 60, "the photo rendered after the broker woke up")
    assert photo.status == "ready", stack.logs()
    wait_until(lambda: stack.stored_keys() == files_the_database_points_at(), 15,
               "storage holding exactly what the database points at")
