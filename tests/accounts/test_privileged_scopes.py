"""An application gets only the scopes it is allowed, by every flow; ``introspection`` only when an
operator listed it (the resource server), and only the resource server introspects tokens."""

import base64
import secrets

import pytest
from django.test import Client

from accounts.models import Application
from tests.support.oauth import REDIRECT, authorize, pkce_pair

pytestmark = pytest.mark.django_db


def confidential(name, grant, workspace=None, allowed="", redirect=""):
    secret = secrets.token_urlsafe(24)
    app = Application.objects.create(
        name=name, client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=grant,
        workspace=workspace, client_secret=secret, allowed_scopes=allowed,
        redirect_uris=redirect)
    return app, secret


def basic(app, secret) -> dict:
    pair = base64.b64encode(f"{app.client_id}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {pair}"}


def client_token(app, secret, scope):
    return Client().post("/o/token/", {"grant_type": "client_credentials", "scope": scope,
                                       "client_id": app.client_id, "client_secret": secret})


@pytest.fixture
def integration(make_workspace):
    """An ordinary client-credentials application of a workspace, no allowlist."""
    return confidential("Integration", Application.GRANT_CLIENT_CREDENTIALS,
                        workspace=make_workspace("Initech"))


@pytest.fixture
def others_token(make_workspace, make_user):
    """A live user token of another workspace, obtained through the token endpoint."""
    from accounts.models import Membership

    user = make_user("victim")
    workspace = make_workspace("Globex")
    Membership.objects.create(user=user, workspace=workspace)
    app, secret = confidential("Globex app", Application.GRANT_CLIENT_CREDENTIALS,
                               workspace=workspace)
    response = client_token(app, secret, "workspace_photos ZohoCRM.modules.ALL")
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def refused(response):
    """The toolkit's refusal, telling nothing about the token."""
    assert response.status_code == 403, response.content
    assert b"active" not in response.content and b"victim" not in response.content


# --- getting the scope -------------------------------------------------------------------------
@pytest.mark.parametrize("scope", ["introspection", "workspace_photos introspection"])
def test_a_client_without_an_allowlist_cannot_get_introspection(integration, scope):
    app, secret = integration
    response = client_token(app, secret, scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    assert client_token(app, secret, "workspace_photos").status_code == 200


def test_a_client_whose_allowlist_names_introspection_gets_it(integration):
    app, secret = integration
    app.allowed_scopes = "workspace_photos introspection"
    app.save()
    response = client_token(app, secret, "introspection")
    assert response.status_code == 200, response.content
    assert response.json()["scope"] == "introspection"


def test_the_consent_form_cannot_grant_a_scope_the_client_is_not_allowed(make_user):
    app, secret = confidential("Web app", Application.GRANT_AUTHORIZATION_CODE,
                               redirect=REDIRECT)
    browser = Client()
    browser.force_login(make_user())
    verifier, challenge = pkce_pair()
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT,
              "scope": "introspection", "state": "s", "code_challenge": challenge,
              "code_challenge_method": "S256"}
    asked = browser.get("/o/authorize/", params)
    assert asked.status_code == 302 and "error=invalid_scope" in asked["Location"]
    # the scope posted with the consent, not only the one in the link, is checked
    params["scope"] = "user_photos introspection"
    posted = browser.post("/o/authorize/", {**params, "allow": "Authorize"})
    assert posted.status_code == 302 and "error=invalid_scope" in posted["Location"]
    assert "code=" not in posted["Location"]


# --- introspecting -----------------------------------------------------------------------------
def test_an_ordinary_client_cannot_introspect_with_its_credentials(integration, others_token):
    app, secret = integration
    refused(Client().post("/o/introspect/", {"token": others_token}, **basic(app, secret)))
    refused(Client().post("/o/introspect/", {"token": others_token, "client_id": app.client_id,
                                             "client_secret": secret}))
    refused(Client().get("/o/introspect/", {"token": others_token}, **basic(app, secret)))
    # nor its own tokens: introspection is the resource server's
    own = client_token(app, secret, "workspace_photos").json()["access_token"]
    refused(Client().post("/o/introspect/", {"token": own}, **basic(app, secret)))


def test_a_token_with_introspection_of_an_ordinary_client_introspects_nothing(
        integration, others_token):
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import get_access_token_model, set_token_value

    app, _ = integration
    # as obtained before the scope was privileged: the scope alone no longer opens the endpoint
    raw = secrets.token_urlsafe(32)
    token = get_access_token_model()(application=app, scope="introspection",
                                     expires=timezone.now() + timedelta(hours=1))
    set_token_value(token, raw)
    token.save()
    refused(Client().post("/o/introspect/", {"token": others_token},
                          HTTP_AUTHORIZATION=f"Bearer {raw}"))


def test_the_resource_server_introspects_by_credentials_or_token_until_withdrawn(
        others_token):
    app, secret = confidential("Resource server", Application.GRANT_CLIENT_CREDENTIALS,
                               allowed="introspection")
    by_credentials = Client().post("/o/introspect/", {"token": others_token},
                                   **basic(app, secret))
    assert by_credentials.status_code == 200, by_credentials.content
    assert by_credentials.json()["active"] is True
    assert by_credentials.json()["scope"] == "workspace_photos ZohoCRM.modules.ALL"
    raw = client_token(app, secret, "introspection").json()["access_token"]
    by_token = Client().post("/o/introspect/", {"token": others_token},
                             HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert by_token.json()["active"] is True

    app.allowed_scopes = ""  # the operator takes the role back
    app.save()
    refused(Client().post("/o/introspect/", {"token": others_token}, **basic(app, secret)))
    refused(Client().post("/o/introspect/", {"token": others_token},
                          HTTP_AUTHORIZATION=f"Bearer {raw}"))


# --- refreshing --------------------------------------------------------------------------------
def user_tokens(app, secret, user, scope) -> dict:
    browser = Client()
    browser.force_login(user)
    verifier, challenge = pkce_pair()
    query = authorize(browser, app, scope, challenge)
    response = Client().post("/o/token/", {
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
        "client_id": app.client_id, "client_secret": secret, "code_verifier": verifier})
    assert response.status_code == 200, response.content
    return response.json()


def refresh(app, secret, tokens, scope=None):
    data = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
            "client_id": app.client_id, "client_secret": secret}
    if scope is not None:
        data["scope"] = scope
    return Client().post("/o/token/", data)


@pytest.mark.parametrize("scope", ["user_photos publish_stream", "introspection"])
def test_a_refresh_cannot_widen_the_scopes(make_user, scope):
    app, secret = confidential("Web app", Application.GRANT_AUTHORIZATION_CODE,
                               redirect=REDIRECT)
    tokens = user_tokens(app, secret, make_user(), "user_photos")
    response = refresh(app, secret, tokens, scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_a_refresh_drops_what_the_client_is_no_longer_allowed(make_user):
    app, secret = confidential("Web app", Application.GRANT_AUTHORIZATION_CODE,
                               redirect=REDIRECT, allowed="user_photos publish_stream")
    tokens = user_tokens(app, secret, make_user(), "user_photos publish_stream")
    assert set(tokens["scope"].split()) == {"user_photos", "publish_stream"}
    app.allowed_scopes = "user_photos"
    app.save()
    response = refresh(app, secret, tokens)
    assert response.status_code == 200, response.content
    assert response.json()["scope"] == "user_photos"
    assert refresh(app, secret, response.json(), "publish_stream").status_code == 400


def test_tokens_minted_outside_the_flows_follow_the_same_rule(integration):
    from accounts.services import issue_token

    app, _ = integration
    with pytest.raises(ValueError, match="introspection"):
        issue_token(app, ["workspace_photos", "introspection"])
