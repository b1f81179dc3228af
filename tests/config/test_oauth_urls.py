"""Only django-oauth-toolkit's OAuth 2 endpoints are served under /o/: Photodesk offers no
OpenID Connect, and DOT's OIDC views, unconfigured, failed with a 500 (with the debug page, the
process environment) for any anonymous caller."""

import os

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [
    "/o/userinfo/", "/o/.well-known/openid-configuration", "/o/.well-known/openid-configuration/",
    "/o/.well-known/jwks.json", "/o/logout/",
    # nor the device flow, dynamic registration, metadata or per-user application management
    "/o/device-authorization/", "/o/register/", "/o/.well-known/oauth-authorization-server",
    "/o/applications/", "/o/applications/register/", "/o/authorized_tokens/",
])
def test_endpoints_photodesk_does_not_offer_are_a_plain_404(path):
    client = Client(raise_request_exception=False)
    for response in (client.get(path), client.post(path, {"token": "x"})):
        assert response.status_code == 404
        body = response.content.decode()
        assert "DATABASE_URL" not in body and "Traceback" not in body
        assert os.environ["PHOTODESK_TEST_SESSION_DIR"] not in body


@pytest.mark.parametrize("path", ["/o/authorize/", "/o/token/", "/o/revoke_token/",
                                  "/o/introspect/"])
def test_the_oauth2_endpoints_are_served(path):
    assert Client().get(path).status_code != 404
