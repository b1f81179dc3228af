"""A browser client on an allowed origin (CORS_ALLOWED_ORIGINS) can call the APIs: its preflight
is answered before authentication (never a 401), and the answers carry the CORS headers."""

import pytest
from django.test import Client, override_settings

APP = "https://app.example.com"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allowed_origin")]


@pytest.fixture
def allowed_origin():
    with override_settings(CORS_ALLOWED_ORIGINS=[APP]):
        yield


def preflight(path, origin=APP, method="POST"):
    return Client().options(path, HTTP_ORIGIN=origin,
                            HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type")


@pytest.mark.parametrize("path", ["/photos", "/photo/abc123", "/me/photos"],
                         ids=["generic upload", "generic photo", "Graph photos"])
def test_a_preflight_from_an_allowed_origin_is_answered_without_a_token(path):
    response = preflight(path)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_a_preflight_from_another_origin_gets_no_cors_grant():
    response = preflight("/me/photos", origin="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in response


def test_an_error_answer_carries_the_cors_headers_the_browser_needs_to_read_it():
    # without them the browser hides the 401 from the page, which cannot tell why
    response = Client().get("/me/photos", HTTP_ORIGIN=APP)
    assert response.status_code in (400, 401, 403)
    assert response["Access-Control-Allow-Origin"] == APP


def test_a_token_authenticated_call_from_the_browser_is_readable(generic_token):
    response = Client().get("/api/principal", HTTP_ORIGIN=APP,
                            HTTP_AUTHORIZATION=f"Bearer {generic_token}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert "ETag" in response["Access-Control-Expose-Headers"]
