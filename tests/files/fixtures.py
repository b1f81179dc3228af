"""Fixtures of the Chatter tests, imported by tests/files and tests/groups conftest files."""

import pytest

from tests.files.chatter import Chatter


@pytest.fixture
def workspace(make_workspace):
    return make_workspace("Acme")


@pytest.fixture
def alice(make_user, workspace):
    from accounts.models import Membership

    user = make_user("alice", first_name="Alice", last_name="Liddell")
    Membership.objects.create(user=user, workspace=workspace)
    return user


@pytest.fixture
def bob(make_user, workspace):
    from accounts.models import Membership

    user = make_user("bob", first_name="Bob", last_name="Builder")
    Membership.objects.create(user=user, workspace=workspace)
    return user


@pytest.fixture
def carol(make_user, workspace):
    from accounts.models import Membership

    user = make_user("carol")
    Membership.objects.create(user=user, workspace=workspace)
    return user


@pytest.fixture
def outsider(make_user, make_workspace):
    user = make_user("mallory")
    make_workspace("Globex", members=[user])
    return user


@pytest.fixture
def moderator(make_user):
    return make_user("mod", is_staff=True)


@pytest.fixture
def chatter_as(api, make_token):
    """``chatter_as(user, scopes=("api",))`` -> a :class:`Chatter` client for that user."""

    def make(user, scopes=("api",)):
        return Chatter(api, make_token(list(scopes), user=user))

    return make


@pytest.fixture
def as_alice(chatter_as, alice):
    return chatter_as(alice)


@pytest.fixture
def as_bob(chatter_as, bob):
    return chatter_as(bob)


@pytest.fixture
def group(as_alice, bob, carol):
    """Alice's public group "Photographers": Bob a standard member, Carol a manager."""
    from photos.dialects.chatter.ids import USER, sfid18

    group = as_alice.post_json("29.0", "chatter/groups",
                               {"name": "Photographers", "visibility": "PublicAccess"}).json()
    members = f"chatter/groups/{group['id']}/members"
    for user, role in ((bob, "StandardMember"), (carol, "GroupManager")):
        response = as_alice.post_json("29.0", members, {"userId": sfid18(USER, user.pk),
                                                        "role": role})
        assert response.status_code == 201, response.content
    return group


@pytest.fixture
def render():
    """``render(photoVersionId)``: runs the render task in this process (the worker's work)."""
    from photos.dialects.chatter.ids import PHOTO
    from photos.dialects.chatter.params import pk_from
    from photos.tasks import render_photo

    def run(photo_version_id):
        result = render_photo.apply(args=[pk_from(photo_version_id, PHOTO)])
        assert result.successful(), result.traceback
        return result.result

    return run
