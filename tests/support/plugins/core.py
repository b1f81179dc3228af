"""The suite's basic fixtures: the media folder, people, workspaces, tokens and the API client, and
the people of the Graph and generic API tests (Alice, Bob and Carol: users of no workspace)."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest


@pytest.fixture
def media_root():
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


# --- accounts -----------------------------------------------------------------------------------
@pytest.fixture
def make_user(db):
    from accounts.models import User

    def make(username=None, **fields):
        username = username or f"user-{uuid.uuid4().hex[:8]}"
        return User.objects.create_user(username=username, password="pw-" + username, **fields)

    return make


@pytest.fixture
def make_workspace(db):
    from accounts.models import Membership, Workspace

    def make(name=None, members=(), role=Membership.Role.MEMBER):
        slug = f"ws-{uuid.uuid4().hex[:8]}"
        workspace = Workspace.objects.create(name=name or slug, slug=slug)
        for member in members:
            Membership.objects.create(user=member, workspace=workspace, role=role)
        return workspace

    return make


@pytest.fixture
def make_token(db):
    """``make_token(scopes, user=...)`` or ``make_token(scopes, workspace=...)`` -> raw token."""
    from accounts.models import Application
    from accounts.services import issue_token

    def make(scopes=(), user=None, workspace=None, lifetime=timedelta(hours=1), name=None):
        if (user is None) == (workspace is None):
            raise ValueError("a token belongs to a user or to a workspace")
        grant = (Application.GRANT_CLIENT_CREDENTIALS if workspace
                 else Application.GRANT_AUTHORIZATION_CODE)
        application = Application.objects.create(
            name=name or f"app-{uuid.uuid4().hex[:6]}",
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=grant,
            redirect_uris="http://127.0.0.1/cb" if user else "",
            workspace=workspace,
        )
        raw, _ = issue_token(application, list(scopes), user=user, lifetime=lifetime)
        return raw

    return make


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


# --- people -------------------------------------------------------------------------------------
@pytest.fixture
def alice(make_user):
    """Alice Liddell, a user of no workspace."""
    return make_user(first_name="Alice", last_name="Liddell")


@pytest.fixture
def bob(make_user):
    """Bob Builder, a user of no workspace."""
    return make_user(first_name="Bob", last_name="Builder")


@pytest.fixture
def carol(make_user):
    """Carol Stranger, a user of no workspace."""
    return make_user(first_name="Carol", last_name="Stranger")


@pytest.fixture
def team(make_workspace, alice, bob):
    """Alice and Bob share a workspace (friends); Carol shares none with them."""
    return make_workspace(name="Team", members=[alice, bob])


@pytest.fixture
def staff_user(make_user):
    """A staff user ("mod") with no permission of their own."""
    return make_user("mod", is_staff=True)
