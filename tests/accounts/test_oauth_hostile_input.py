"""Text PostgreSQL cannot store (a NUL) in a client_id or an authorization code is no client
and no code: an OAuth error, never a 500 (psycopg 3 raises DataError where the toolkit looks
for psycopg2's ValueError)."""

import base64
import secrets

import pytest
from django.test import Client

from accounts.models import Application

pytestmark = pytest.mark.django_db

REDIRECT = "http://127.0.0.1:9999/callback"


def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def confidential(make_user):
    secret = secrets.token_urlsafe(24)
    app = Application.objects.create(
        name="Web app", client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=REDIRECT, client_secret=secret)
    return app, secret


@pytest.mark.parametrize("body", [
    {"grant_type": "client_credentials", "client_id": "a\x00b", "client_secret": "x"},
    {"grant_type": "client_credentials", "client_id": "a\x00b"},
    {"grant_type": "authorization_code", "client_id": "a\x00b", "code": "c",
     "redirect_uri": REDIRECT},
    {"grant_type": "refresh_token", "client_id": "a\x00b", "refresh_token": "r"},
])
def test_a_client_id_with_a_nul_is_no_client_at_the_token_endpoint(body):
    response = client().post("/o/token/", body)
    assert response.status_code in (400, 401), response.content[:300]
    assert response.json()["error"] in ("invalid_client", "invalid_request")


def test_a_client_id_with_a_nul_in_basic_auth_is_no_client():
    credentials = base64.b64encode(b"a\x00b:secret").decode()
    response = client().post("/o/token/", {"grant_type": "client_credentials"},
                             HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


@pytest.mark.parametrize("path", ["/o/revoke_token/", "/o/introspect/"])
def test_a_client_id_with_a_nul_is_no_client_at_revocation_and_introspection(path):
    response = client().post(path, {"token": "t", "client_id": "a\x00b", "client_secret": "s"})
    assert response.status_code in (401, 403), response.content[:300]


def test_a_code_with_a_nul_is_an_invalid_grant(confidential):
    app, secret = confidential
    response = client().post("/o/token/", {
        "grant_type": "authorization_code", "code": "c\x00de", "redirect_uri": REDIRECT,
        "client_id": app.client_id, "client_secret": secret, "code_verifier": "v" * 43})
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"] == "invalid_grant"


def test_a_client_id_with_a_nul_on_the_consent_page_is_an_invalid_request(make_user):
    browser = client()
    browser.force_login(make_user())
    response = browser.get("/o/authorize/", {"response_type": "code", "client_id": "a\x00b",
                                             "redirect_uri": REDIRECT})
    assert response.status_code == 400, response.content[:300]
