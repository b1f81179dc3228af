"""The OAuth 2 endpoints, /api/principal and /api/scopes answer as the OpenAPI document says:
real flows, each answer checked against its operation (``assert_documented``)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from accounts.models import Application
from tests.support.openapi import assert_documented

pytestmark = pytest.mark.django_db

REDIRECT = "http://127.0.0.1:9999/callback"


@pytest.fixture
def resource_server(make_user):
    from accounts.services import issue_token

    app = Application.objects.create(
        name="Resource server", client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        allowed_scopes="introspection")
    raw, _ = issue_token(app, ["introspection"], user=make_user())
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def token_of(app, secret, **extra):
    return Client().post("/o/token/", {"grant_type": "client_credentials",
                                       "scope": "workspace_photos", "client_id": app.client_id,
                                       "client_secret": secret, **extra})


def test_the_token_endpoint_answers_as_documented(workspace_client):
    app, secret = workspace_client
    issued = token_of(app, secret)
    assert issued.status_code == 200
    assert_documented("POST", "/o/token/", issued)
    wrong_secret = token_of(app, "not-the-secret")
    assert wrong_secret.status_code == 401
    assert_documented("POST", "/o/token/", wrong_secret)
    unknown_scope = token_of(app, secret, scope="no_such_scope")
    assert unknown_scope.status_code == 400
    assert_documented("POST", "/o/token/", unknown_scope)


def test_revocation_answers_as_documented(workspace_client):
    app, secret = workspace_client
    raw = token_of(app, secret).json()["access_token"]
    client = {"client_id": app.client_id, "client_secret": secret}
    revoked = Client().post("/o/revoke_token/", {"token": raw, **client})
    assert revoked.status_code == 200
    assert_documented("POST", "/o/revoke_token/", revoked)
    no_token = Client().post("/o/revoke_token/", client)
    assert no_token.status_code == 400
    assert_documented("POST", "/o/revoke_token/", no_token)


@pytest.mark.parametrize("method", ["get", "post"])
def test_introspection_answers_as_documented(workspace_client, resource_server, method):
    app, secret = workspace_client
    raw = token_of(app, secret).json()["access_token"]
    ask = getattr(Client(), method)
    active = ask("/o/introspect/", {"token": raw}, **resource_server)
    assert active.json()["active"] is True
    assert_documented(method, "/o/introspect/", active)
    inactive = ask("/o/introspect/", {"token": "nope"}, **resource_server)
    assert inactive.json() == {"active": False}
    assert_documented(method, "/o/introspect/", inactive)
    missing = ask("/o/introspect/", {}, **resource_server)
    assert missing.status_code == 400
    assert_documented(method, "/o/introspect/", missing)
    # an ordinary client's own token: refused
    refused = ask("/o/introspect/", {"token": raw}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 403
    assert_documented(method, "/o/introspect/", refused)


def test_the_authorization_endpoint_answers_as_documented(make_user):
    app = Application.objects.create(
        name="Mobile app", client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE, redirect_uris=REDIRECT)
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT,
              "scope": "user_photos", "state": "xyz", "code_challenge": "x" * 43,
              "code_challenge_method": "S256"}
    browser = Client(enforce_csrf_checks=True)
    to_login = browser.get("/o/authorize/", params)
    assert to_login.status_code == 302 and "login" in to_login["Location"]
    assert_documented("GET", "/o/authorize/", to_login)

    browser.force_login(make_user())
    page = browser.get("/o/authorize/", params)
    assert page.status_code == 200
    assert_documented("GET", "/o/authorize/", page)
    unknown_client = browser.get("/o/authorize/", {**params, "client_id": "nobody"})
    assert unknown_client.status_code == 400
    assert_documented("GET", "/o/authorize/", unknown_client)

    no_csrf = browser.post("/o/authorize/", {**params, "allow": "Authorize"})
    assert no_csrf.status_code == 403
    assert_documented("POST", "/o/authorize/", no_csrf)
    csrf = browser.cookies["csrftoken"].value
    allowed = browser.post("/o/authorize/", {**params, "allow": "Authorize",
                                             "csrfmiddlewaretoken": csrf})
    assert allowed.status_code == 302
    assert urlsplit(allowed["Location"]).path == "/callback"
    assert_documented("POST", "/o/authorize/", allowed)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE"])
def test_the_authorization_endpoint_answers_other_methods_405(method):
    # it sent these to the login page (and took PUT as POST); the CSRF check answered 403
    response = Client(enforce_csrf_checks=True).generic(method, "/o/authorize/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_principal_and_scopes_answer_as_documented(make_user, make_token):
    raw = make_token(["user_photos"], user=make_user())
    for method, answer in [("GET", Client().get("/api/principal",
                                                HTTP_AUTHORIZATION=f"Bearer {raw}")),
                           ("POST", Client().post("/api/principal",
                                                  HTTP_AUTHORIZATION=f"Bearer {raw}"))]:
        assert answer.status_code == 200
        assert answer.json()["scopes"] == ["user_photos"]
        assert_documented(method, "/api/principal", answer)
    anonymous = Client().get("/api/principal")
    assert anonymous.status_code == 401
    assert_documented("GET", "/api/principal", anonymous)
    scopes = Client().get("/api/scopes")
    assert scopes.status_code == 200
    assert_documented("GET", "/api/scopes", scopes)


def test_healthz_answers_as_documented():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert_documented("GET", "/healthz", response)


def test_readyz_answers_as_documented(settings):
    settings.QUEUE_PREFIX = "queues-no-worker-consumes"  # its 503, documented too
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert_documented("GET", "/readyz", response)
