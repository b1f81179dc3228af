import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_service_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True, "broker": True, "storage": True,
    }


def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    from config.celery import app

    # nothing listens on port 1: a real refused connection, not a mock
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_healthz_does_not_tell_anonymous_callers_why(client, monkeypatch, caplog):
    """Which check failed, yes; the exception (host names, ports, driver messages), no: that
    goes to the log."""
    from config.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert set(response.json()["checks"]["broker"]) == {"ok", "ms"}
    assert "127.0.0.1" not in response.content.decode()
    assert "Error" not in response.content.decode()
    assert any("health check broker failed" in r.getMessage() for r in caplog.records)


def test_healthz_is_503_when_storage_cannot_be_written(client, tmp_path, settings):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(blocker / "media")}},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


@pytest.mark.parametrize("method", ["post", "put", "delete", "trace", "patch"])
def test_healthz_answers_only_get_and_head(method):
    # a browser's client checks CSRF as a real one would: an unsafe method meets the 405, not
    # the CSRF check's 403 page
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.generic(method.upper(), "/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/healthz").status_code == 200
