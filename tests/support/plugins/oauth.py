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


@pytest.fixture
def pkce_client(db):
    """"Photo printer": a public authorization-code client (PKCE) redirecting to
    ``tests.support.oauth.REDIRECT``."""
    from accounts.models import Application
    from tests.support.oauth import REDIRECT

    return Application.objects.create(
        name="Photo printer", client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE, redirect_uris=REDIRECT)


@pytest.fixture
def reader(make_user):
    """"reader", an ordinary user (no staff) whose password is ``oauth.READER_PASSWORD``."""
    from tests.support.oauth import READER_PASSWORD

    user = make_user("reader")
    user.set_password(READER_PASSWORD)
    user.save()
    return user
