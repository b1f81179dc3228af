"""The OAuth 2 flows of django-oauth-toolkit, with our scope registry and principals."""


import pytest
from django.test import Client

from accounts.models import Application
from tests.support.oauth import REDIRECT, authorize, pkce_pair

pytestmark = pytest.mark.django_db

@pytest.fixture
def public_client(db):
    return Application.objects.create(
        name="Mobile app", client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE, redirect_uris=REDIRECT,
    )


def test_authorization_code_with_pkce_gives_a_user_token(public_client, make_user):
    user = make_user("bob")
    browser = Client()
    browser.force_login(user)
    verifier, challenge = pkce_pair()
    query = authorize(browser, public_client, "user_photos publish_stream", challenge)
    assert query["state"] == ["xyz"]

    token = Client().post("/o/token/", {
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
        "client_id": public_client.client_id, "code_verifier": verifier,
    })
    assert token.status_code == 200, token.content
    body = token.json()
    assert set(body["scope"].split()) == {"user_photos", "publish_stream"}

    me = Client().get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    assert me.json()["user"]["username"] == "bob"
    assert me.json()["kind"] == "user"

    refreshed = Client().post("/o/token/", {
        "grant_type": "refresh_token", "refresh_token": body["refresh_token"],
        "client_id": public_client.client_id,
    })
    assert refreshed.status_code == 200, refreshed.content
    new_token = refreshed.json()["access_token"]
    assert new_token != body["access_token"]
    assert Client().get("/api/principal",
                        HTTP_AUTHORIZATION=f"Bearer {new_token}").status_code == 200


def test_authorization_code_without_pkce_is_refused(public_client, make_user):
    browser = Client()
    browser.force_login(make_user())
    response = browser.get("/o/authorize/", {
        "response_type": "code", "client_id": public_client.client_id,
        "redirect_uri": REDIRECT, "scope": "user_photos",
    })
    # DOT redirects the error to the client: invalid_request, code_challenge required
    assert response.status_code == 302
    assert "error=invalid_request" in response["Location"]


def test_wrong_code_verifier_is_refused(public_client, make_user):
    browser = Client()
    browser.force_login(make_user())
    _, challenge = pkce_pair()
    query = authorize(browser, public_client, "user_photos", challenge)
    token = Client().post("/o/token/", {
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
        "client_id": public_client.client_id, "code_verifier": pkce_pair()[0],
    })
    assert token.status_code == 400
    assert token.json()["error"] == "invalid_grant"


def test_client_credentials_gives_a_workspace_token(workspace_client):
    app, secret = workspace_client
    token = Client().post("/o/token/", {
        "grant_type": "client_credentials", "scope": "workspace_photos ZohoCRM.modules.leads.ALL",
        "client_id": app.client_id, "client_secret": secret,
    })
    assert token.status_code == 200, token.content
    body = Client().get(
        "/api/principal", HTTP_AUTHORIZATION=f"Zoho-oauthtoken {token.json()['access_token']}"
    ).json()
    assert body["kind"] == "workspace"
    assert body["workspace"]["name"] == "Initech"
    assert body["scopes"] == ["ZohoCRM.modules.leads.ALL", "workspace_photos"]


def test_unknown_scope_is_refused_at_the_token_endpoint(workspace_client):
    app, secret = workspace_client
    token = Client().post("/o/token/", {
        "grant_type": "client_credentials", "scope": "ZohoCRM.modules.leads.EXPLODE",
        "client_id": app.client_id, "client_secret": secret,
    })
    assert token.status_code == 400
    assert token.json()["error"] == "invalid_scope"


def test_client_allowed_scopes_narrow_what_it_gets(workspace_client):
    app, secret = workspace_client
    app.allowed_scopes = "workspace_photos"
    app.save()
    denied = Client().post("/o/token/", {
        "grant_type": "client_credentials", "scope": "manage_photos",
        "client_id": app.client_id, "client_secret": secret,
    })
    assert denied.status_code == 400


def test_revoked_token_is_refused(workspace_client):
    app, secret = workspace_client
    raw = Client().post("/o/token/", {
        "grant_type": "client_credentials", "scope": "workspace_photos",
        "client_id": app.client_id, "client_secret": secret,
    }).json()["access_token"]
    assert Client().get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    revoke = Client().post("/o/revoke_token/", {
        "token": raw, "client_id": app.client_id, "client_secret": secret,
    })
    assert revoke.status_code == 200
    assert Client().get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_introspection_reports_active_and_inactive_tokens(workspace_client, make_user):
    from accounts.services import issue_token

    app, secret = workspace_client
    raw = Client().post("/o/token/", {
        "grant_type": "client_credentials", "scope": "workspace_photos",
        "client_id": app.client_id, "client_secret": secret,
    }).json()["access_token"]
    # introspection is for an application an operator made the resource server
    server_app = Application.objects.create(
        name="Resource server", client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        allowed_scopes="introspection")
    resource_server, _ = issue_token(server_app, ["introspection"], user=make_user())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {resource_server}"}
    active = Client().post("/o/introspect/", {"token": raw}, **auth)
    assert active.status_code == 200
    assert active.json()["active"] is True
    assert active.json()["scope"] == "workspace_photos"
    inactive = Client().post("/o/introspect/", {"token": "nope"}, **auth)
    assert inactive.json() == {"active": False}
