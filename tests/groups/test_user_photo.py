"""The user photo: ``chatter/users/{userId}/photo`` (23.0 to 34.0) and
``connect/user-profiles/{userId}/photo`` (from 35.0)."""

import pytest

from tests.support.chatter import error_of
from tests.support.images import BLUE, close_to, image_bytes, open_rgb
from tests.support.responses import bytes_of

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, "NOT_FOUND", "The requested resource does not exist")


def user_id(user):
    from photos.dialects.chatter.ids import USER, sfid18

    return sfid18(USER, user.pk)


def path(version, who="me"):
    if float(version) <= 34:
        return f"chatter/users/{who}/photo"
    return f"connect/user-profiles/{who}/photo"


def upload(client, version, who="me", content=None):
    return client.post_multipart(version, path(version, who), [
        ("fileUpload", "me.png", "image/png", content or image_bytes(300, 300, BLUE))])


@pytest.mark.parametrize(("version", "resource"), [
    ("22.0", "chatter/users/me/photo"), ("35.0", "chatter/users/me/photo"),
    ("34.0", "connect/user-profiles/me/photo"), ("22.0", "connect/user-profiles/me/photo")])
def test_each_path_exists_only_in_its_versions(as_alice, version, resource):
    assert error_of(as_alice.get(version, resource)) == NOT_FOUND


def test_upload_my_photo_and_see_it_everywhere_once_rendered(as_alice, acme_alice, group,
                                                             render_version):
    response = upload(as_alice, "38.0")
    assert response.status_code == 201
    posted = response.json()
    profile = f"/services/data/v38.0/connect/user-profiles/{user_id(acme_alice)}"
    assert posted["url"] == f"{profile}/photo"
    render_version(posted["photoVersionId"])
    small = open_rgb(bytes_of(as_alice.fetch(posted["smallPhotoUrl"])))
    assert small.size == (64, 64) and close_to(small.getpixel((32, 32)), BLUE)
    assert open_rgb(bytes_of(as_alice.fetch(posted["mediumPhotoUrl"]))).size == (160, 160)
    # the same photo in 29.0, through the old path and in the group owner's summary
    old = as_alice.get("29.0", path("29.0", user_id(acme_alice))).json()
    assert old["photoVersionId"] == posted["photoVersionId"]
    assert old["url"] == f"/services/data/v29.0/chatter/users/{user_id(acme_alice)}/photo"
    owner = as_alice.get("29.0", f"chatter/groups/{group['id']}").json()["owner"]
    assert owner["photo"]["photoVersionId"] == posted["photoVersionId"]


def test_without_a_photo_the_user_shows_the_default(as_alice, api):
    body = as_alice.get("29.0", path("29.0")).json()
    assert body["photoVersionId"] is None
    assert body["largePhotoUrl"].endswith("/profilephoto/005/F")
    assert open_rgb(bytes_of(api.get(body["largePhotoUrl"]))).size == (200, 200)


def test_old_path_has_no_delete_new_path_has_no_head(as_alice):
    assert error_of(as_alice.delete("29.0", path("29.0"))) == (
        405, "METHOD_NOT_ALLOWED", "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD,POST")
    assert as_alice.head("29.0", path("29.0")).status_code == 200
    assert as_alice.head("38.0", path("38.0")).status_code == 405


def test_delete_my_photo(as_alice, render_version):
    posted = upload(as_alice, "38.0").json()
    render_version(posted["photoVersionId"])
    assert as_alice.delete("38.0", path("38.0")).status_code == 204
    assert as_alice.get("38.0", path("38.0")).json()["photoVersionId"] is None


def test_crop_and_file_id_follow_the_version(as_alice):
    file = as_alice.upload_file(image_bytes(300, 300), "me.png", version="29.0")
    crop = {"fileId": file["id"], "cropX": 0, "cropY": 0, "cropSize": 100}
    assert error_of(as_alice.post_json("28.0", path("28.0"), crop))[:2] == \
        (400, "JSON_PARSER_ERROR")
    assert error_of(as_alice.post_json("24.0", path("24.0"), {"fileId": file["id"]}))[:2] == \
        (400, "JSON_PARSER_ERROR")
    assert as_alice.post_json("29.0", path("29.0"), crop).status_code == 201
    assert as_alice.post_json("35.0", path("35.0"), crop).status_code == 201


def test_only_the_user_changes_their_photo(as_alice, as_bob, acme_alice, chatter_as, staff_user,
                                           outsider):
    assert error_of(upload(as_bob, "38.0", user_id(acme_alice)))[:2] == \
        (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    assert error_of(as_bob.delete("38.0", path("38.0", user_id(acme_alice))))[:2] == \
        (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    assert as_bob.get("38.0", path("38.0", user_id(acme_alice))).status_code == 200
    assert upload(chatter_as(staff_user), "38.0", user_id(acme_alice)).status_code == 201
    # someone of another workspace does not exist for Alice
    assert error_of(as_alice.get("38.0", path("38.0", user_id(outsider)))) == NOT_FOUND


def test_ids_of_other_types_are_invalid(as_alice, group):
    assert error_of(as_alice.get("29.0", path("29.0", group["id"]))) == (
        400, "INVALID_ID_FIELD", f"Invalid identifier: {group['id']}")
