"""The generic photo API answers as the OpenAPI document says: real photos (pending, then
rendered), a temporary upload, an attach, a delete, its errors, and the rendition bytes, each
answer checked against its operation (``assert_documented``)."""

import pytest

from tests.support.generic import auth, render, upload
from tests.support.images import jpeg_bytes, png_bytes
from tests.support.openapi import assert_documented

pytestmark = pytest.mark.django_db

PHOTO = "/photo/{photo_id}"
OBJECT_PHOTOS = "/{kind}/{object_id}/photos"


@pytest.fixture
def admin_workspace(alice, make_workspace):
    from accounts.models import Membership

    return make_workspace(members=[alice], role=Membership.Role.ADMIN)


def test_a_temporary_photo_pending_then_rendered_is_documented(api, client, generic_token):
    created = upload(api, "/photos", generic_token, png_bytes(300, 200), filename="x.png",
                     name="Sky")
    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    assert_documented("POST", "/photos", created)

    photo_id = created.json()["_id"]
    render(photo_id)
    ready = api.get(f"/photo/{photo_id}", **auth(generic_token))
    assert ready.json()["status"] == "ready"
    assert ready.json()["images"]["small"]["dimensions"] == {"width": 100, "height": 100}
    assert_documented("GET", PHOTO, ready)

    media = client.get(ready.json()["small_url"])
    assert media.status_code == 200
    assert_documented("GET", "/media/{key}", media)
    missing = client.get("/media/photos/zz/nothing.jpg")
    assert missing.status_code == 404
    assert_documented("GET", "/media/{key}", missing)


def test_publishing_attaching_and_deleting_are_documented(api, generic_token, admin_workspace):
    published = upload(api, f"/workspace/{admin_workspace.pk}/photos", generic_token,
                       jpeg_bytes(64, 48))
    assert published.status_code == 201
    assert published.json()["target"] == f"workspace:{admin_workspace.pk}"
    assert_documented("POST", OBJECT_PHOTOS, published)

    temporary = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    attached = api.put(f"/photo/{temporary}", {"target": f"workspace:{admin_workspace.pk}"},
                       format="json", **auth(generic_token))
    assert attached.json() == {"success": True}
    assert_documented("PUT", PHOTO, attached)
    deleted = api.delete(f"/photo/{temporary}", **auth(generic_token))
    assert deleted.json() == {"success": True}
    assert_documented("DELETE", PHOTO, deleted)


def test_the_errors_are_in_the_documented_body(api, alice, generic_token, make_token):
    not_found = api.get("/photo/" + "0" * 24, **auth(generic_token))
    assert not_found.status_code == 404
    assert_documented("GET", PHOTO, not_found)
    no_token = api.get("/photo/" + "0" * 24)
    assert no_token.status_code == 401
    assert_documented("GET", PHOTO, no_token)
    read_only = make_token(["user_photos"], user=alice)
    no_scope = upload(api, "/photos", read_only, jpeg_bytes(64, 48))
    assert no_scope.status_code == 403
    assert no_scope.json()["error"]["code"] == "missing_permission"
    assert_documented("POST", "/photos", no_scope)
    not_an_image = upload(api, "/photos", generic_token, b"plain text", filename="x.txt",
                          content_type="text/plain")
    assert not_an_image.status_code == 415
    assert_documented("POST", "/photos", not_an_image)
    no_target = api.put("/photo/" + "0" * 24, {}, format="json", **auth(generic_token))
    assert no_target.status_code == 404
    assert_documented("PUT", PHOTO, no_target)
