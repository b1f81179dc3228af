"""Publishing (``POST /{kind}/{id}/photos``) and attaching (``PUT /photo/{tmp}`` with a
``target``) onto an object takes the object's own update rule, the one its dialect enforces:
a user themself, a workspace's admins and its own token, an album's owner, a group's owner and
managers, a record's owner and the workspace's admins and token. An object the caller cannot
read is not found (for ``PUT``, the same "No target" as an object that does not exist); one
they can read but not update is a 403. Refused, nothing is attached.

No worker: a refusal needs no rendering, and an accepted photo is only checked to be attached.
"""

from datetime import timedelta

import pytest

from accounts.models import Membership
from photos import services, targets
from photos.models import Album, Photo
from tests.support.generic import auth, upload
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

ALL_USER = ["user_photos", "manage_photos"]
ALL_WORKSPACE = ["workspace_photos", "manage_photos"]
KINDS = ["user", "workspace", "album", "group", "record"]

OK = "ok"
REFUSED = {  # what a refusal looks like, by caller: (status, generic error code)
    "no token": (401, "unauthorized"),
    "expired token": (401, "unauthorized"),
    "revoked token": (401, "unauthorized"),
    "wrong scope": (403, "missing_permission"),
    "other user": (404, "not_found"),
    "plain member": (403, "forbidden"),
    "other workspace": (404, "not_found"),
    "workspace token": (403, "forbidden"),
}
# the workspace's own token may update the workspace and its records
ALLOWED_WORKSPACE_TOKEN = {"workspace", "record"}
CALLERS = [*REFUSED, "allowed"]


def expected(kind: str, caller: str):
    if caller == "allowed" or (caller == "workspace token" and kind in ALLOWED_WORKSPACE_TOKEN):
        return OK
    return REFUSED[caller]


class World:
    """``ours``: ``boss`` (its admin), ``subject`` and ``member`` (plain members); ``subject`` is
    the user target and owns the album, the (public) group and the lead. ``theirs``:
    ``stranger``. No object has a photo yet."""

    def __init__(self, make_user, make_workspace, make_token):
        from groups.models import Group
        from records.models import Module, Record

        self.make_token = make_token
        self.boss, self.subject, self.member, self.stranger = (make_user() for _ in range(4))
        self.ours = make_workspace(members=[self.subject, self.member])
        Membership.objects.create(user=self.boss, workspace=self.ours,
                                  role=Membership.Role.ADMIN)
        self.theirs = make_workspace(members=[self.stranger])
        self.objects = {
            "user": self.subject,
            "workspace": self.ours,
            "album": Album.objects.create(owner=self.subject, name="Holidays"),
            "group": Group.objects.create(workspace=self.ours, name="Design",
                                          owner=self.subject),
            "record": Record.objects.create(
                workspace=self.ours, owner=self.subject, created_by=self.subject,
                module=Module.objects.get(workspace=self.ours, product="crm",
                                          api_name="Leads"),
                data={"Last_Name": "Doe"}),
        }

    def object_id(self, kind: str) -> str:
        return targets.by_key(kind).public_id(self.objects[kind])

    def allowed_user(self, kind: str):
        return self.boss if kind == "workspace" else self.subject

    def token(self, kind: str, caller: str) -> str | None:
        """The token ``caller`` presents to publish onto (or attach to) the object of ``kind``."""
        from accounts.authentication import load_token

        user_scopes, workspace_scopes = ALL_USER, ALL_WORKSPACE
        allowed = self.allowed_user(kind)
        match caller:
            case "no token":
                return None
            case "expired token":
                return self.make_token(user_scopes, user=allowed,
                                       lifetime=timedelta(seconds=-1))
            case "revoked token":
                raw = self.make_token(user_scopes, user=allowed)
                load_token(raw).revoke()
                return raw
            case "wrong scope":
                return self.make_token(["user_photos"], user=allowed)
            case "other user":
                return self.make_token(user_scopes, user=self.stranger)
            case "plain member":
                return self.make_token(user_scopes, user=self.member)
            case "other workspace":
                return self.make_token(workspace_scopes, workspace=self.theirs)
            case "workspace token":
                return self.make_token(workspace_scopes, workspace=self.ours)
            case "allowed":
                return self.make_token(user_scopes, user=allowed)
        raise AssertionError(caller)

    def owner_of_temporary_photo(self, kind: str, caller: str) -> str:
        """A token that uploads the temporary photo ``caller`` then tries to attach: the
        caller's own (every scope), the allowed person's when the caller's token is bad."""
        if caller in ("no token", "expired token", "revoked token", "wrong scope"):
            return self.make_token(ALL_USER, user=self.allowed_user(kind))
        return self.token(kind, caller)

    def attached(self, kind: str) -> int:
        """How many photos the object holds (an album: its entries)."""
        obj = self.objects[kind]
        if kind == "album":
            obj.refresh_from_db()
            return obj.entries.count()
        return services.photos_of(obj).count()


@pytest.fixture
def world(make_user, make_workspace, make_token):
    return World(make_user, make_workspace, make_token)


def assert_refused(response, status: int, code: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("kind", KINDS)
def test_publishing_through_an_objects_edge_takes_its_update_rule(api, world, kind, caller):
    token = world.token(kind, caller)
    photos_before = Photo.objects.count()
    response = upload(api, f"/{kind}/{world.object_id(kind)}/photos", token, jpeg_bytes(64, 48))
    want = expected(kind, caller)
    if want == OK:
        assert response.status_code == 201, response.content
        assert response.json()["target"] == f"{kind}:{world.object_id(kind)}"
        assert world.attached(kind) == 1
        return
    assert_refused(response, *want)
    assert world.attached(kind) == 0
    assert Photo.objects.count() == photos_before  # not even a temporary photo is left


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("kind", KINDS)
def test_attaching_a_temporary_photo_takes_the_targets_update_rule(api, world, kind, caller):
    uploaded = upload(api, "/photos", world.owner_of_temporary_photo(kind, caller),
                      jpeg_bytes(64, 48))
    assert uploaded.status_code == 201, uploaded.content
    photo_id = uploaded.json()["_id"]
    token = world.token(kind, caller)
    response = api.put(f"/photo/{photo_id}", {"target": f"{kind}:{world.object_id(kind)}"},
                       format="json", **auth(token))
    want = expected(kind, caller)
    if want == OK:
        assert response.status_code == 200, response.content
        assert response.json() == {"success": True}
        assert world.attached(kind) == 1
        return
    if want[0] == 404:
        # the target is a parameter: one the caller cannot read is the same bad input as one
        # that does not exist
        want = (400, "invalid_input")
        assert "No target" in response.json()["error"]["message"]
    assert_refused(response, *want)
    assert world.attached(kind) == 0
    assert Photo.objects.get(public_id=photo_id).is_temporary


def test_a_bare_id_does_not_attach_to_an_object_the_caller_may_only_read(api, world):
    # the album's 16-digit ID is held by nothing else; the member sees the album, may not add
    token = world.token("album", "plain member")
    photo_id = upload(api, "/photos", token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo_id}", {"target": world.object_id("album")},
                       format="json", **auth(token))
    assert_refused(response, 403, "forbidden")
    assert world.attached("album") == 0
    assert Photo.objects.get(public_id=photo_id).is_temporary


def test_a_group_manager_publishes_to_the_group_a_standard_member_may_not(api, world):
    from groups.models import GroupMember

    group = world.objects["group"]
    GroupMember.objects.create(group=group, user=world.member, role=GroupMember.Role.STANDARD)
    standard = world.make_token(ALL_USER, user=world.member)
    response = upload(api, f"/group/{group.sfid}/photos", standard, jpeg_bytes(64, 48))
    assert_refused(response, 403, "forbidden")
    GroupMember.objects.filter(group=group, user=world.member).update(
        role=GroupMember.Role.MANAGER)
    response = upload(api, f"/group/{group.sfid}/photos", standard, jpeg_bytes(64, 48))
    assert response.status_code == 201, response.content
    assert world.attached("group") == 1


def test_a_record_of_a_module_keeping_photos_to_admins_refuses_its_own_owner(api, world):
    # Zoho's module privilege is part of the record's rule, in every dialect
    record = world.objects["record"]
    record.module.members_may_change_photos = False
    record.module.save()
    response = upload(api, f"/record/{record.zoho_id}/photos",
                      world.token("record", "allowed"), jpeg_bytes(64, 48))
    assert_refused(response, 403, "forbidden")
    response = upload(api, f"/record/{record.zoho_id}/photos",
                      world.make_token(ALL_USER, user=world.boss), jpeg_bytes(64, 48))
    assert response.status_code == 201, response.content
    assert world.attached("record") == 1
