"""Real answers of the Chatter group, user, community and photo resources are the ones the
OpenAPI document describes (status, media type, body schema)."""

import pytest

from tests.support.images import image_bytes
from tests.support.openapi import assert_documented
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

V = "/services/data/v{version}/"
GROUPS = V + "chatter/groups/"
GROUP = GROUPS + "{group_id}/"
COMMUNITY_GROUPS = V + "connect/communities/{community_id}/chatter/groups/"


def test_a_group_its_list_and_its_members_are_documented(as_alice, group, acme_bob):
    from photos.dialects.chatter.ids import USER, sfid18

    path = f"chatter/groups/{group['id']}"
    assert_documented("GET", GROUP, as_alice.get("29.0", path))
    assert_documented("GET", GROUPS, as_alice.get("29.0", "chatter/groups", {"pageSize": 1}))
    members = as_alice.get("29.0", f"{path}/members", {"pageSize": 2})
    assert members.json()["nextPageUrl"]  # a page with its links
    assert_documented("GET", GROUP + "members/", members)

    membership = members.json()["members"][0]["id"]
    response = as_alice.get("29.0", f"chatter/group-memberships/{membership}")
    assert_documented("GET", V + "chatter/group-memberships/{membership_id}/", response)

    created = as_alice.post_json("29.0", "chatter/groups",
                                 {"name": "Night shots", "visibility": "PrivateAccess"})
    assert created.status_code == 201
    assert_documented("POST", GROUPS, created)
    joined = as_alice.post_json("29.0", f"chatter/groups/{created.json()['id']}/members",
                                {"userId": sfid18(USER, acme_bob.pk), "role": "GroupManager"})
    assert joined.status_code == 201
    assert_documented("POST", GROUP + "members/", joined)


def test_a_user_summary_and_the_versions_are_documented(as_alice, api):
    assert_documented("GET", V + "chatter/users/{user_id}/", as_alice.get("29.0",
                                                                          "chatter/users/me"))
    assert_documented("GET", "/services/data/", api.get("/services/data/"))


def test_communities_and_their_groups_are_documented(as_alice, acme_alice, acme):
    from groups.models import Community

    community = Community.objects.create(workspace=acme, name="Partners",
                                         url_path_prefix="partners")
    listed = as_alice.get("29.0", "connect/communities")
    assert listed.json()["total"] == 1
    assert_documented("GET", V + "connect/communities/", listed)
    assert_documented("GET", V + "connect/communities/{community_id}/",
                      as_alice.get("29.0", f"connect/communities/{community.sfid}"))
    prefix = f"connect/communities/{community.sfid}/"
    created = as_alice.post_json("29.0", prefix + "chatter/groups",
                                 {"name": "Partners only", "visibility": "PublicAccess"})
    assert created.status_code == 201, created.content
    assert created.json()["community"]["id"] == community.sfid
    assert_documented("POST", COMMUNITY_GROUPS, created)
    assert_documented("GET", COMMUNITY_GROUPS, as_alice.get("29.0", prefix + "chatter/groups"))


def test_photos_and_their_images_are_documented(as_alice, group, render_version):
    path = f"chatter/groups/{group['id']}/photo"
    before = as_alice.get("29.0", path)
    assert before.json()["photoVersionId"] is None
    assert_documented("GET", GROUP + "photo/", before)
    default = as_alice.fetch(before.json()["largePhotoUrl"])
    assert default["Content-Type"] == "image/png"
    assert_documented("GET", "/profilephoto/{photo_id}/{size}", default)

    uploaded = as_alice.post_multipart("29.0", path, [
        ("fileUpload", "photo.jpg", "image/jpeg", image_bytes(300, 300, format="JPEG"))])
    assert uploaded.status_code == 201, uploaded.content
    assert_documented("POST", GROUP + "photo/", uploaded)
    render_version(uploaded.json()["photoVersionId"])
    image = as_alice.fetch(uploaded.json()["largePhotoUrl"])
    assert image["Content-Type"] == "image/jpeg" and bytes_of(image)
    assert_documented("GET", "/profilephoto/{photo_id}/{size}", image)
    email = as_alice.api.get(uploaded.json()["fullEmailPhotoUrl"])
    assert email.status_code == 200
    assert_documented("GET", "/ncsphoto/{token}", email)

    user_photo = as_alice.get("36.0", "connect/user-profiles/me/photo")
    assert_documented("GET", V + "connect/user-profiles/{user_id}/photo/", user_photo)
    assert_documented("GET", V + "chatter/users/{user_id}/photo/",
                      as_alice.get("29.0", "chatter/users/me/photo"))
