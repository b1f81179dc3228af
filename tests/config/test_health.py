"""``/healthz`` (liveness: nothing but the process) and ``/readyz`` (database, broker, a worker
that beat recently, storage by a read). The worker killed and started again is in
tests/faults/test_readiness.py."""

import pytest

pytestmark = pytest.mark.django_db

EVERY_CHECK = {"database", "broker", "worker", "storage"}


def media_files(settings):
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path) for path in root.rglob("*")) if root.exists() else []


def test_healthz_touches_no_database_broker_or_storage(client, settings, monkeypatch,
                                                       django_assert_num_queries):
    from config.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # the broker down
    before = media_files(settings)
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert media_files(settings) == before


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_every_check_up_with_its_latency(client, celery_worker, settings):
    before = media_files(settings)
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == EVERY_CHECK
    assert all(check["ok"] is True and check["ms"] >= 0 for check in body["checks"].values())
    assert media_files(settings) == before  # storage was read, never written


def test_readyz_is_503_when_no_worker_serves_the_queue(client, settings):
    settings.QUEUE_PREFIX = "queues-no-worker-consumes"
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"]["ok"] is False
    assert checks["database"]["ok"] is True and checks["broker"]["ok"] is True


def test_readyz_is_503_when_the_broker_is_down(client, monkeypatch):
    from config.celery import app

    # nothing listens on port 1: a real refused connection, not a mock
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_readyz_does_not_tell_anonymous_callers_why(client, monkeypatch, caplog):
    """Which check failed, yes; the exception (host names, ports, driver messages), no: that
    goes to the log."""
    from config.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert set(response.json()["checks"]["broker"]) == {"ok", "ms"}
    assert "127.0.0.1" not in response.content.decode()
    assert "Error" not in response.content.decode()
    assert any("health check broker failed" in r.getMessage() for r in caplog.records)


def test_readyz_is_503_when_storage_cannot_be_read(client, tmp_path, settings):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(blocker / "media")}},
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_readyz_storage_is_ready_before_the_first_upload_makes_the_folder(client, tmp_path,
                                                                          settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "media-to-be")}},
    }
    assert client.get("/readyz").json()["checks"]["storage"]["ok"] is True
    assert not (tmp_path / "media-to-be").exists()


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "trace", "patch"])
def test_health_answers_only_get_and_head(method, path):
    # a browser's client checks CSRF as a real one would: an unsafe method meets the 405, not
    # the CSRF check's 403 page
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.generic(method.upper(), path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head(path).status_code in (200, 503)
