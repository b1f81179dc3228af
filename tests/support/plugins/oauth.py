"""OAuth 2 clients registered for the tests of the token endpoints."""

import secrets

import pytest


@pytest.fixture
def workspace_client(make_workspace):
    """``(application, client secret)`` of a confidential client-credentials application owned
    by the workspace Initech."""
    from accounts.models import Application

    secret = secrets.token_urlsafe(24)
    app = Application.objects.create(
        name="Integration", client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        workspace=make_workspace("Initech"), client_secret=secret,
    )
    return app, secret
