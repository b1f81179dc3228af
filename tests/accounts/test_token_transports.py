"""A token reaches Photodesk in each dialect's own transport, and bad tokens are refused."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def upload():
    return SimpleUploadedFile("photo.jpg", jpeg_bytes(64, 48), content_type="image/jpeg")


@pytest.fixture
def acme_user(make_user, make_workspace):
    user = make_user("alice")
    make_workspace("Acme", members=[user])
    return user


@pytest.fixture
def acme_user_token(make_token, acme_user):
    return make_token(["user_photos", "api"], user=acme_user)


@pytest.mark.parametrize("scheme", ["Bearer", "OAuth", "Zoho-oauthtoken", "bearer"])
def test_authorization_header_schemes(api, acme_user_token, scheme):
    response = api.get("/api/principal", HTTP_AUTHORIZATION=f"{scheme} {acme_user_token}")
    assert response.status_code == 200
    assert response.json()["user"]["username"] == "alice"


def test_access_token_query_parameter_on_the_graph_api(api, acme_user_token, acme_user):
    response = api.get("/me", {"access_token": acme_user_token})
    assert response.status_code == 200
    assert response.json()["id"] == str(acme_user.pk)


def test_access_token_form_parameter_on_the_graph_api(api, make_token, acme_user):
    token = make_token(["publish_stream", "user_photos"], user=acme_user)
    response = api.post("/me/photos", {"access_token": token, "source": upload()},
                        format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["id"]


@pytest.mark.parametrize("path", ["/api/principal", "/photos", "/crm/v2/Leads",
                                  "/services/data/v38.0/chatter/groups"])
def test_an_access_token_parameter_is_no_token_outside_the_graph_api(api, acme_user_token, path):
    # RFC 9700 §4.3.2: tokens stay out of URLs (and logs, and Referer) where no client needs it
    assert api.get(path, {"access_token": acme_user_token}).status_code == 401
    response = api.post(path, {"access_token": acme_user_token}, format="multipart")
    assert response.status_code == 401


def test_user_token_names_user_workspace_application_and_scopes(api, acme_user_token):
    body = api.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {acme_user_token}").json()
    assert body["kind"] == "user"
    assert body["workspace"]["name"] == "Acme"
    assert body["application"]["name"].startswith("app-")
    assert body["scopes"] == ["api", "user_photos"]


def test_workspace_token_has_no_user(api, make_token, make_workspace):
    workspace = make_workspace("Globex")
    raw = make_token(["workspace_photos"], workspace=workspace)
    body = api.get("/api/principal", HTTP_AUTHORIZATION=f"Zoho-oauthtoken {raw}").json()
    assert body["kind"] == "workspace"
    assert body["user"] is None
    assert body["workspace"]["name"] == "Globex"


def test_missing_token_is_401(api):
    response = api.get("/api/principal")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_unknown_token_is_401(api):
    response = api.get("/api/principal", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401


def test_empty_scheme_is_401(api):
    response = api.get("/api/principal", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 401


def test_expired_token_is_401(api, make_token, acme_user):
    raw = make_token(["user_photos"], user=acme_user, lifetime=timedelta(seconds=-1))
    response = api.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_token_of_inactive_user_is_401(api, acme_user_token, acme_user):
    acme_user.is_active = False
    acme_user.save()
    assert api.get("/api/principal",
                   HTTP_AUTHORIZATION=f"Bearer {acme_user_token}").status_code == 401


def test_token_is_not_stored_in_clear(acme_user_token):
    from oauth2_provider.models import AccessToken

    stored = AccessToken.objects.get()
    assert stored.token != acme_user_token
    assert acme_user_token not in (stored.token or "")
