"""Groups are a photo target ("group", chatter renditions) with their own read and update rules,
which the generic photo API uses."""

import pytest

from tests.support.generic import auth
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db


def principal(user=None, workspace=None):
    from accounts.principal import Principal

    return Principal(user=user, workspace=workspace, application=None,
                     scopes=frozenset({"api"}), token=None)


@pytest.fixture
def target_type():
    from photos import targets

    return targets.by_key("group")


def test_registered_with_the_chatter_renditions(target_type):
    assert target_type.model == "groups.Group"
    assert target_type.spec_set == "chatter"


def test_resolves_15_and_18_character_ids_and_nothing_else(target_type, group, acme_alice):
    from groups.models import Group
    from photos.dialects.chatter.ids import USER, sfid18

    obj = Group.objects.get(name="Photographers")
    assert target_type.public_id(obj) == group["id"]
    for given in (group["id"], group["id"][:15], group["id"].lower()):
        assert target_type.resolve(given) == obj
    for other in (sfid18(USER, acme_alice.pk), "0F9000000009999", "12", "", "not an id"):
        assert target_type.resolve(other) is None
    assert target_type.workspace_of(obj) == obj.workspace


def test_read_and_update_rules(target_type, as_alice, acme_alice, acme_bob, acme_carol, outsider,
                               staff_user, acme, group):
    from groups.models import Group

    public = Group.objects.get(name="Photographers")
    as_alice.post_json("29.0", "chatter/groups", {"name": "Secret",
                                                  "visibility": "PrivateAccess"})
    private = Group.objects.get(name="Secret")
    reads = {name: (target_type.can_read(p, public), target_type.can_read(p, private))
             for name, p in (("owner", principal(acme_alice, acme)),
                             ("member", principal(acme_bob, acme)),
                             ("outsider", principal(outsider)),
                             ("moderator", principal(staff_user)),
                             ("workspace token", principal(None, acme)))}
    assert reads == {"owner": (True, True), "member": (True, False), "outsider": (False, False),
                     "moderator": (True, True), "workspace token": (True, False)}
    updates = {name: target_type.can_update(p, public)
               for name, p in (("owner", principal(acme_alice, acme)),
                               ("manager", principal(acme_carol, acme)),
                               ("member", principal(acme_bob, acme)),
                               ("moderator", principal(staff_user)),
                               ("workspace token", principal(None, acme)))}
    assert updates == {"owner": True, "manager": True, "member": False, "moderator": True,
                       "workspace token": False}


def test_generic_photo_api_publishes_to_a_group_with_these_rules(api, make_token, acme_alice,
                                                                 acme_bob, outsider, as_alice,
                                                                 group, render_version):
    from photos.dialects.chatter.ids import PHOTO, sfid18
    from photos.models import Photo

    token = make_token(["manage_photos"], user=acme_alice)
    response = api.post(f"/group/{group['id']}/photos",
                        {"source": _upload("g.png", image_bytes(300, 300))},
                        format="multipart", **auth(token))
    assert response.status_code == 201, response.content
    photo = Photo.objects.get(public_id=response.json()["_id"])
    assert photo.spec_set == "chatter"
    render_version(sfid18(PHOTO, photo.pk))
    body = as_alice.get("29.0", f"chatter/groups/{group['id']}/photo").json()
    assert body["photoVersionId"] == sfid18(PHOTO, photo.pk)

    stranger = make_token(["manage_photos"], user=outsider)
    refused = api.post(f"/group/{group['id']}/photos",
                       {"source": _upload("g.png", image_bytes())}, format="multipart",
                       **auth(stranger))
    assert refused.status_code == 404

    # a standard member sees the group but may not change it, as in Chatter
    member = make_token(["manage_photos"], user=acme_bob)
    refused = api.post(f"/group/{group['id']}/photos",
                       {"source": _upload("g.png", image_bytes())}, format="multipart",
                       **auth(member))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/png")
