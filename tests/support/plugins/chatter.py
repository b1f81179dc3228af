"""Fixtures of the Chatter tests (files, groups): the Acme workspace and its members, Chatter
clients for them, a group, and running a render by Chatter ID."""

import pytest

from tests.support.chatter import Chatter


@pytest.fixture
def acme(make_workspace):
    """The workspace "Acme" (of Alice, Bob and Carol in the Chatter tests)."""
    return make_workspace("Acme")


def _member(make_user, workspace, username, **names):
    from accounts.models import Membership

    user = make_user(username, **names)
    Membership.objects.create(user=user, workspace=workspace)
    return user


@pytest.fixture
def acme_alice(make_user, acme):
    """"alice" (Alice Liddell), a member of Acme."""
    return _member(make_user, acme, "alice", first_name="Alice", last_name="Liddell")


@pytest.fixture
def acme_bob(make_user, acme):
    """"bob" (Bob Builder), a member of Acme."""
    return _member(make_user, acme, "bob", first_name="Bob", last_name="Builder")


@pytest.fixture
def acme_carol(make_user, acme):
    """"carol", a member of Acme."""
    return _member(make_user, acme, "carol")


@pytest.fixture
def outsider(make_user, make_workspace):
    """"mallory", a member of another workspace (Globex) only."""
    user = make_user("mallory")
    make_workspace("Globex", members=[user])
    return user


@pytest.fixture
def chatter_as(api, make_token):
    """``chatter_as(user, scopes=("api",))`` -> a :class:`Chatter` client for that user."""

    def make(user, scopes=("api",)):
        return Chatter(api, make_token(list(scopes), user=user))

    return make


@pytest.fixture
def as_alice(chatter_as, acme_alice):
    return chatter_as(acme_alice)


@pytest.fixture
def as_bob(chatter_as, acme_bob):
    return chatter_as(acme_bob)


@pytest.fixture
def group(as_alice, acme_bob, acme_carol):
    """Alice's public group "Photographers" (Chatter body): Bob a standard member, Carol a
    manager."""
    from photos.dialects.chatter.ids import USER, sfid18

    group = as_alice.post_json("29.0", "chatter/groups",
                               {"name": "Photographers", "visibility": "PublicAccess"}).json()
    members = f"chatter/groups/{group['id']}/members"
    for user, role in ((acme_bob, "StandardMember"), (acme_carol, "GroupManager")):
        response = as_alice.post_json("29.0", members, {"userId": sfid18(USER, user.pk),
                                                        "role": role})
        assert response.status_code == 201, response.content
    return group


@pytest.fixture
def render_version():
    """``render_version(photoVersionId)``: runs the render task in this process (the worker's
    work) for a Chatter photo version ID."""
    from photos.dialects.chatter.ids import PHOTO
    from photos.dialects.chatter.params import pk_from
    from photos.tasks import render_photo

    def run(photo_version_id):
        result = render_photo.apply(args=[pk_from(photo_version_id, PHOTO)])
        assert result.successful(), result.traceback
        return result.result

    return run
