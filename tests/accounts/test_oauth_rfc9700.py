"""The OAuth server as RFC 9700 (OAuth 2.0 Security Best Current Practice) wants it: no implicit
or password grant, S256 PKCE only, the issuer in authorization responses, refresh tokens that
rotate and revoke their family when replayed, https redirect URIs (http for loopback only)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import Application
from tests.support.oauth import REDIRECT, authorize, pkce_pair

pytestmark = pytest.mark.django_db


def application(grant=Application.GRANT_AUTHORIZATION_CODE, redirect_uris=REDIRECT,
                client_type=Application.CLIENT_PUBLIC, secret=None):
    fields = {"client_secret": secret} if secret else {}
    return Application.objects.create(name="App", client_type=client_type,
                                      authorization_grant_type=grant,
                                      redirect_uris=redirect_uris, **fields)


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_password_grant_is_refused(make_user):
    make_user("dora")  # password "pw-dora"
    app = application(Application.GRANT_PASSWORD, "", Application.CLIENT_CONFIDENTIAL,
                      secret="s3cret")
    response = Client().post("/o/token/", {
        "grant_type": "password", "username": "dora", "password": "pw-dora",
        "client_id": app.client_id, "client_secret": "s3cret", "scope": "user_photos"})
    assert response.status_code in (400, 401)
    assert "access_token" not in response.json()


def test_the_implicit_grant_is_refused(make_user):
    app = application(Application.GRANT_IMPLICIT)
    response = logged_in(make_user()).post("/o/authorize/", {
        "response_type": "token", "client_id": app.client_id, "redirect_uri": REDIRECT,
        "scope": "user_photos", "state": "xyz", "allow": "Authorize"})
    assert "access_token=" not in response.get("Location", "")
    assert "access_token" not in response.content.decode()


def test_a_plain_pkce_challenge_is_refused(make_user):
    app = application()
    verifier, _ = pkce_pair()
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT,
              "scope": "user_photos", "state": "xyz", "code_challenge": verifier,
              "code_challenge_method": "plain"}
    # the user's consent gives the client an error, never a code
    response = logged_in(make_user()).post("/o/authorize/", {**params, "allow": "Authorize"})
    assert response.status_code == 302
    assert "error=invalid_request" in response["Location"]
    assert "code=" not in response["Location"]


def test_the_authorization_response_names_its_issuer(make_user):
    app = application()
    _, challenge = pkce_pair()
    query = authorize(logged_in(make_user()), app, "user_photos", challenge)
    assert query["code"] and query["iss"][0].startswith("http")


def test_a_replayed_refresh_token_revokes_the_tokens_it_gave(make_user):
    app = application()
    verifier, challenge = pkce_pair()
    query = authorize(logged_in(make_user()), app, "user_photos", challenge)
    first = Client().post("/o/token/", {
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
        "client_id": app.client_id, "code_verifier": verifier}).json()
    refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"],
               "client_id": app.client_id}
    second = Client().post("/o/token/", refresh)
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]  # rotated

    replay = Client().post("/o/token/", refresh)  # a thief's copy of the old one
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    # the whole family is revoked: the token the legitimate client holds no longer works
    principal = Client().get("/api/principal",
                             HTTP_AUTHORIZATION=f"Bearer {second.json()['access_token']}")
    assert principal.status_code == 401
    again = Client().post("/o/token/", {**refresh,
                                        "refresh_token": second.json()["refresh_token"]})
    assert again.status_code == 400


@pytest.mark.parametrize("uri, allowed", [
    ("https://app.example.com/callback", True),
    ("http://127.0.0.1:9999/callback", True),
    ("http://[::1]:9999/callback", True),
    ("http://app.example.com/callback", False),
    ("http://localhost:9999/callback", False),
])
def test_redirect_uris_are_https_or_loopback(uri, allowed):
    app = Application(name="App", client_type=Application.CLIENT_PUBLIC,
                      authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                      redirect_uris=uri)
    if allowed:
        app.full_clean()
    else:
        with pytest.raises(ValidationError):
            app.full_clean()
