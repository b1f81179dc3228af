"""The permission rules of seed 001, each for a user token and for a workspace token.

Photos are uploaded through HTTP (the owner is whoever uploads); an object the caller may not
see answers 404, a missing scope 403, both in the generic body."""

import pytest

from accounts.models import Membership
from tests.support.generic import auth, upload
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

ALL_USER = ["user_photos", "manage_photos"]
ALL_WORKSPACE = ["workspace_photos", "manage_photos"]


@pytest.fixture
def two_workspaces(make_user, make_workspace, make_token):
    """Two workspaces. ``alice`` is a member of ``ours``, ``admin`` its admin; ``carol`` is in
    ``theirs`` only. Tokens with every scope, per person and per workspace."""
    alice, admin, carol = make_user(), make_user(), make_user()
    ours = make_workspace(members=[alice])
    Membership.objects.create(user=admin, workspace=ours, role=Membership.Role.ADMIN)
    theirs = make_workspace(members=[carol])

    class World:
        pass

    world = World()
    world.alice, world.admin, world.carol, world.ours, world.theirs = (alice, admin, carol,
                                                                       ours, theirs)
    world.token = {
        "alice": make_token(ALL_USER, user=alice),
        "admin": make_token(ALL_USER, user=admin),
        "carol": make_token(ALL_USER, user=carol),
        "ours": make_token(ALL_WORKSPACE, workspace=ours),
        "theirs": make_token(ALL_WORKSPACE, workspace=theirs),
    }
    return world


def temporary(api, token) -> str:
    response = upload(api, "/photos", token, jpeg_bytes(64, 48))
    assert response.status_code == 201, response.content
    return response.json()["_id"]


def attached_to(api, token, kind, object_id) -> str:
    response = upload(api, f"/{kind}/{object_id}/photos", token, jpeg_bytes(64, 48))
    assert response.status_code == 201, response.content
    return response.json()["_id"]


def error_code(response) -> str:
    body = response.json()
    assert body["success"] is False and body["error"]["message"]
    return body["error"]["code"]


# --- reading ------------------------------------------------------------------------------------
def test_reading_needs_a_token(api, two_workspaces):
    photo = temporary(api, two_workspaces.token["alice"])
    response = api.get(f"/photo/{photo}")
    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


def test_an_invalid_token_is_refused(api, two_workspaces):
    photo = temporary(api, two_workspaces.token["alice"])
    response = api.get(f"/photo/{photo}", **auth("not-a-token"))
    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


@pytest.mark.parametrize("who, scopes", [("user", ["manage_photos", "workspace_photos"]),
                                         ("workspace", ["manage_photos", "user_photos"])])
def test_reading_needs_the_photos_permission_of_the_token_kind(api, two_workspaces, make_token, who,
                                                               scopes):
    owner_token = two_workspaces.token["alice" if who == "user" else "ours"]
    photo = temporary(api, owner_token)
    token = (make_token(scopes, user=two_workspaces.alice) if who == "user"
             else make_token(scopes, workspace=two_workspaces.ours))
    response = api.get(f"/photo/{photo}", **auth(token))
    assert response.status_code == 403
    assert error_code(response) == "missing_permission"
    wanted = "user_photos" if who == "user" else "workspace_photos"
    assert wanted in response.json()["error"]["message"]


@pytest.mark.parametrize("owner", ["alice", "ours"])
def test_the_owner_reads_its_temporary_photo(api, two_workspaces, owner):
    photo = temporary(api, two_workspaces.token[owner])
    response = api.get(f"/photo/{photo}", **auth(two_workspaces.token[owner]))
    assert response.status_code == 200
    assert response.json()["tmp"] is True


@pytest.mark.parametrize("owner, reader", [
    ("alice", "admin"),     # another user, even of the same workspace
    ("alice", "ours"),      # the workspace of the user who uploaded it
    ("ours", "alice"),      # a member of the workspace that uploaded it
    ("ours", "theirs"),     # another workspace
    ("theirs", "ours"),
])
def test_someone_elses_temporary_photo_is_not_found(api, two_workspaces, owner, reader):
    photo = temporary(api, two_workspaces.token[owner])
    response = api.get(f"/photo/{photo}", **auth(two_workspaces.token[reader]))
    assert response.status_code == 404
    assert error_code(response) == "not_found"


@pytest.mark.parametrize("reader", ["alice", "admin", "ours"])
def test_an_attached_photo_is_read_with_the_targets_read_permission(api, two_workspaces, reader):
    # published by an admin (who may update the workspace), read by any member
    photo = attached_to(api, two_workspaces.token["admin"], "workspace", two_workspaces.ours.pk)
    response = api.get(f"/photo/{photo}", **auth(two_workspaces.token[reader]))
    assert response.status_code == 200
    assert response.json()["target"] == f"workspace:{two_workspaces.ours.pk}"


@pytest.mark.parametrize("reader", ["carol", "theirs"])
def test_another_workspaces_photo_is_not_found(api, two_workspaces, reader):
    photo = attached_to(api, two_workspaces.token["ours"], "workspace", two_workspaces.ours.pk)
    response = api.get(f"/photo/{photo}", **auth(two_workspaces.token[reader]))
    assert response.status_code == 404


def test_a_photo_of_a_user_is_read_by_people_sharing_a_workspace_only(api, two_workspaces):
    photo = attached_to(api, two_workspaces.token["alice"], "user", two_workspaces.alice.pk)
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["admin"])).status_code == 200
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["ours"])).status_code == 200
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["carol"])).status_code == 404
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["theirs"])).status_code == 404


def test_an_unknown_photo_is_not_found(api, two_workspaces):
    response = api.get("/photo/0123456789abcdef01234567", **auth(two_workspaces.token["alice"]))
    assert response.status_code == 404
    assert error_code(response) == "not_found"


# --- updating (attaching a temporary photo) -----------------------------------------------------
@pytest.mark.parametrize("who", ["user", "workspace"])
def test_attaching_needs_manage_photos(api, two_workspaces, make_token, who):
    owner = "alice" if who == "user" else "ours"
    photo = temporary(api, two_workspaces.token[owner])
    token = (make_token(["user_photos"], user=two_workspaces.alice) if who == "user"
             else make_token(["workspace_photos"], workspace=two_workspaces.ours))
    response = api.put(f"/photo/{photo}", {"target": f"workspace:{two_workspaces.ours.pk}"},
                       format="json", **auth(token))
    assert response.status_code == 403
    assert error_code(response) == "missing_permission"
    assert "manage_photos" in response.json()["error"]["message"]


@pytest.mark.parametrize("owner", ["admin", "ours"])
def test_the_owner_attaches_its_temporary_photo(api, two_workspaces, owner):
    # the workspace's admin and its own token may update it
    photo = temporary(api, two_workspaces.token[owner])
    response = api.put(f"/photo/{photo}", {"target": f"workspace:{two_workspaces.ours.pk}"},
                       format="json", **auth(two_workspaces.token[owner]))
    assert response.status_code == 200
    assert response.json() == {"success": True}
    body = api.get(f"/photo/{photo}", **auth(two_workspaces.token[owner])).json()
    assert body["tmp"] is False
    assert body["target"] == f"workspace:{two_workspaces.ours.pk}"
    assert body["workspace"] == str(two_workspaces.ours.pk)


@pytest.mark.parametrize("owner, caller", [("alice", "admin"), ("ours", "theirs"),
                                           ("alice", "ours"), ("ours", "alice")])
def test_someone_elses_temporary_photo_cannot_be_attached(api, two_workspaces, owner, caller):
    photo = temporary(api, two_workspaces.token[owner])
    response = api.put(f"/photo/{photo}", {"target": f"workspace:{two_workspaces.ours.pk}"},
                       format="json", **auth(two_workspaces.token[caller]))
    assert response.status_code == 404
    body = api.get(f"/photo/{photo}", **auth(two_workspaces.token[owner])).json()
    assert body["tmp"] is True


@pytest.mark.parametrize("owner", ["admin", "ours"])
def test_an_attached_photo_cannot_be_attached_again(api, two_workspaces, owner):
    photo = attached_to(api, two_workspaces.token[owner], "workspace", two_workspaces.ours.pk)
    response = api.put(f"/photo/{photo}", {"target": f"user:{two_workspaces.alice.pk}"},
                       format="json", **auth(two_workspaces.token[owner]))
    assert response.status_code == 400
    assert error_code(response) == "invalid_input"
    assert "tmp" in response.json()["error"]["message"]


# --- deleting -----------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["user", "workspace"])
def test_deleting_needs_manage_photos(api, two_workspaces, make_token, who):
    owner = "alice" if who == "user" else "ours"
    photo = temporary(api, two_workspaces.token[owner])
    token = (make_token(["user_photos"], user=two_workspaces.alice) if who == "user"
             else make_token(["workspace_photos"], workspace=two_workspaces.ours))
    response = api.delete(f"/photo/{photo}", **auth(token))
    assert response.status_code == 403
    assert error_code(response) == "missing_permission"


@pytest.mark.parametrize("owner", ["alice", "ours"])
def test_the_owner_deletes_its_temporary_photo(api, two_workspaces, owner):
    photo = temporary(api, two_workspaces.token[owner])
    response = api.delete(f"/photo/{photo}", **auth(two_workspaces.token[owner]))
    assert response.status_code == 200
    assert response.json() == {"success": True}
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token[owner])).status_code == 404


@pytest.mark.parametrize("owner, caller", [("alice", "admin"), ("ours", "theirs"),
                                           ("alice", "ours"), ("ours", "alice")])
def test_someone_elses_temporary_photo_cannot_be_deleted(api, two_workspaces, owner, caller):
    photo = temporary(api, two_workspaces.token[owner])
    assert api.delete(f"/photo/{photo}", **auth(two_workspaces.token[caller])).status_code == 404
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token[owner])).status_code == 200


@pytest.mark.parametrize("caller, publisher", [("admin", "ours"), ("ours", "admin")])
def test_an_attached_photo_is_deleted_with_the_targets_update_permission(api, two_workspaces,
                                                                         caller, publisher):
    # a workspace is updated by its admins and by its own token, whoever published the photo
    photo = attached_to(api, two_workspaces.token[publisher], "workspace", two_workspaces.ours.pk)
    response = api.delete(f"/photo/{photo}", **auth(two_workspaces.token[caller]))
    assert response.status_code == 200
    assert response.json() == {"success": True}
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["alice"])).status_code == 404


def test_reading_the_target_is_not_enough_to_delete_its_photo(api, two_workspaces):
    # alice may read the workspace (a member) but not update it (not an admin)
    photo = attached_to(api, two_workspaces.token["admin"], "workspace", two_workspaces.ours.pk)
    response = api.delete(f"/photo/{photo}", **auth(two_workspaces.token["alice"]))
    assert response.status_code == 403
    assert error_code(response) == "forbidden"
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["alice"])).status_code == 200


@pytest.mark.parametrize("caller", ["carol", "theirs"])
def test_another_workspaces_attached_photo_cannot_be_deleted(api, two_workspaces, caller):
    photo = attached_to(api, two_workspaces.token["ours"], "workspace", two_workspaces.ours.pk)
    assert api.delete(f"/photo/{photo}", **auth(two_workspaces.token[caller])).status_code == 404
    assert api.get(f"/photo/{photo}", **auth(two_workspaces.token["ours"])).status_code == 200


# --- publishing through an object's edge --------------------------------------------------------
@pytest.mark.parametrize("caller", ["alice", "ours"])
def test_publishing_needs_the_read_permission_on_the_object(api, two_workspaces, caller):
    response = upload(api, f"/workspace/{two_workspaces.theirs.pk}/photos",
                      two_workspaces.token[caller],
                      jpeg_bytes(64, 48))
    assert response.status_code == 404
    assert error_code(response) == "not_found"


@pytest.mark.parametrize("who", ["user", "workspace"])
def test_publishing_needs_manage_photos(api, two_workspaces, make_token, who):
    token = (make_token(["user_photos"], user=two_workspaces.alice) if who == "user"
             else make_token(["workspace_photos"], workspace=two_workspaces.ours))
    response = upload(api, f"/workspace/{two_workspaces.ours.pk}/photos", token, jpeg_bytes(64, 48))
    assert response.status_code == 403
    assert error_code(response) == "missing_permission"


def test_a_workspace_token_publishes_to_its_workspace(api, two_workspaces):
    photo = attached_to(api, two_workspaces.token["ours"], "workspace", two_workspaces.ours.pk)
    body = api.get(f"/photo/{photo}", **auth(two_workspaces.token["ours"])).json()
    assert body["owner"] is None
    assert body["workspace"] == str(two_workspaces.ours.pk)
    assert body["tmp"] is False
