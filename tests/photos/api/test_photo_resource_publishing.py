"""Uploading, attaching and deleting through the generic photo API: the happy paths, the
shape of a photo that is not processed yet, the forms of ``target``, and bad input."""


import pytest

from photos.models import Album, Photo
from tests.support import images as img
from tests.support.generic import auth, render, upload
from tests.support.images import image_bytes, jpeg_bytes, png_bytes
from tests.support.responses import downloaded_image

pytestmark = pytest.mark.django_db

SCOPES = ["user_photos", "manage_photos"]


def error(response) -> dict:
    body = response.json()
    assert body["success"] is False
    return body["error"]


def test_a_photo_has_null_images_until_it_is_processed(api, client, generic_token):
    response = upload(api, "/photos", generic_token, png_bytes(300, 200), filename="x.png")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["type"] == "image/png"
    assert set(body["images"]) == {"original", "large", "small", "icon"}
    for image in body["images"].values():
        assert image == {"url": None, "size": None, "dimensions": None}
    for field in ("url", "size", "dimensions", "large_url", "small_url", "icon_url"):
        assert body[field] is None

    render(body["_id"])
    ready = api.get(f"/photo/{body['_id']}", **auth(generic_token)).json()
    assert ready["status"] == "ready"
    _, picture = downloaded_image(client, ready["small_url"])
    assert picture.size == (100, 100)


@pytest.mark.parametrize("target", [
    lambda ws: f"workspace:{ws.pk}",
    lambda ws: {"type": "workspace", "id": str(ws.pk)},
    lambda ws: {"type": "workspace", "id": ws.pk},
])
def test_put_attaches_to_the_target_in_each_accepted_form(api, generic_token, alice, make_workspace,
                                                          target):
    from accounts.models import Membership

    workspace = make_workspace(members=[alice], role=Membership.Role.ADMIN)
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", {"target": target(workspace)}, format="json",
                       **auth(generic_token))
    assert response.json() == {"success": True}
    assert api.get(f"/photo/{photo}", **auth(generic_token)).json()["target"] == \
        f"workspace:{workspace.pk}"


def test_put_takes_a_form_encoded_target(api, generic_token, alice):
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", {"target": f"user:{alice.pk}"}, **auth(generic_token))
    assert response.json() == {"success": True}
    body = api.get(f"/photo/{photo}", **auth(generic_token)).json()
    assert body["target"] == f"user:{alice.pk}" and body["tmp"] is False


def test_put_takes_a_bare_id_held_by_one_object_only(api, generic_token, alice, make_workspace):
    album = Album.objects.create(owner=alice, name="Holidays")
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", {"target": album.public_id}, format="json",
                       **auth(generic_token))
    assert response.json() == {"success": True}
    assert api.get(f"/photo/{photo}", **auth(generic_token)).json()["target"] == \
        f"album:{album.public_id}"


def test_put_refuses_a_bare_id_held_by_two_objects(api, generic_token, alice, make_user):
    from accounts.models import Membership, Workspace

    # a user and a workspace with the same number: a bare id cannot tell them apart
    number = max(alice.pk, Workspace.objects.count()) + 1000
    friend = make_user(id=number)
    workspace = Workspace.objects.create(id=number, name="Same number", slug=f"same-{number}")
    for member in (alice, friend):
        Membership.objects.create(user=member, workspace=workspace)
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", {"target": str(number)}, format="json",
                       **auth(generic_token))
    assert response.status_code == 400
    assert "ambiguous" in error(response)["message"]
    assert api.get(f"/photo/{photo}", **auth(generic_token)).json()["tmp"] is True


@pytest.mark.parametrize("body, words", [
    ({}, "required"),
    ({"target": "planet:3"}, "Unknown target type"),
    ({"target": "workspace:999999"}, "No target"),
    ({"target": {"type": "workspace"}}, "no id"),
    ({"target": ""}, "Name the target"),
])
def test_put_with_a_bad_target_is_refused(api, generic_token, body, words):
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", body, format="json", **auth(generic_token))
    assert response.status_code == 400
    assert error(response)["code"] == "invalid_input"
    assert words in error(response)["message"]
    assert api.get(f"/photo/{photo}", **auth(generic_token)).json()["tmp"] is True


def test_put_to_an_object_the_caller_cannot_see_is_refused(api, generic_token, make_user,
                                                           make_workspace):
    elsewhere = make_workspace(members=[make_user()])
    photo = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    response = api.put(f"/photo/{photo}", {"target": f"workspace:{elsewhere.pk}"},
                       format="json", **auth(generic_token))
    assert response.status_code == 400
    assert "No target" in error(response)["message"]


def test_publishing_to_an_album_through_its_edge(api, generic_token, alice):
    album = Album.objects.create(owner=alice, name="Holidays")
    response = upload(api, f"/album/{album.public_id}/photos", generic_token, jpeg_bytes(64, 48))
    assert response.status_code == 201
    body = response.json()
    assert body["target"] == f"album:{album.public_id}"
    assert album.entries.get().photo.public_id == body["_id"]
    # an album's photos get the Graph set of renditions
    assert Photo.objects.get(public_id=body["_id"]).spec_set == "graph"


def test_publishing_to_an_unknown_kind_of_object_is_not_found(api, generic_token):
    response = upload(api, "/planet/3/photos", generic_token, jpeg_bytes(64, 48))
    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


@pytest.mark.parametrize("kind", ["Planet", "0", "pla-net", "%C3%A9t%C3%A9"])
def test_any_unknown_kind_is_the_apis_own_not_found(api, generic_token, kind):
    # an object type in any other letters than [a-z_] answered Django's HTML 404 page
    response = upload(api, f"/{kind}/3/photos", generic_token, jpeg_bytes(64, 48))
    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


def test_an_unknown_kind_of_object_is_not_found_whatever_the_tokens_scopes(api, alice,
                                                                           make_token):
    reader = make_token(["user_photos"], user=alice)
    response = upload(api, "/planet/3/photos", reader, jpeg_bytes(64, 48))
    assert response.status_code == 404
    assert error(response) == {"code": "not_found", "message": "Unknown object type planet."}


def test_deleting_removes_the_files_from_storage(api, generic_token, media_root,
                                                django_capture_on_commit_callbacks):
    photo_id = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)).json()["_id"]
    photo = render(photo_id)
    keys = [photo.original, *photo.renditions.values_list("storage_key", flat=True)]
    assert all((media_root / key).exists() for key in keys)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"/photo/{photo_id}", **auth(generic_token))
    assert response.json() == {"success": True}
    assert not any((media_root / key).exists() for key in keys)


# --- bad input ----------------------------------------------------------------------------------
def test_an_upload_without_a_file_is_refused(api, generic_token):
    response = api.post("/photos", {"name": "nothing"}, format="multipart", **auth(generic_token))
    assert response.status_code == 400
    assert "source" in error(response)["message"]


def test_a_file_that_is_not_an_image_is_refused(api, generic_token):
    response = upload(api, "/photos", generic_token, b"<html><body>hello</body></html>",
                      filename="x.jpg", content_type="image/jpeg")
    assert response.status_code == 415
    assert error(response)["code"] == "unsupported_format"
    assert not Photo.objects.exists()


def test_an_image_of_a_type_outside_the_seeds_enum_is_refused(api, generic_token):
    bmp = image_bytes(40, 30, (1, 2, 3), "BMP")
    response = upload(api, "/photos", generic_token, bmp, filename="x.bmp",
                      content_type="image/bmp")
    assert response.status_code == 415
    assert "JPEG, PNG or GIF" in error(response)["message"]
    assert not Photo.objects.exists()


def test_a_truncated_image_is_refused(api, generic_token):
    response = upload(api, "/photos", generic_token, jpeg_bytes(64, 48)[:20])
    assert response.status_code == 400
    assert error(response)["code"] == "corrupt_image"


def test_a_jpeg_cut_before_its_end_is_refused_at_upload(api, generic_token):
    whole = jpeg_bytes(640, 480)
    response = upload(api, "/photos", generic_token, whole[:int(len(whole) * 0.9)])  # header intact
    assert response.status_code == 400
    assert error(response)["code"] == "corrupt_image"
    assert "truncated" in error(response)["message"]
    assert not Photo.objects.exists()


def test_an_oversized_file_is_refused(api, generic_token, settings):
    settings.PHOTO_MAX_BYTES = 2000
    response = upload(api, "/photos", generic_token, jpeg_bytes(400, 300, quality=100))
    assert response.status_code == 413
    assert error(response)["code"] == "photo_too_large"


def test_a_decompression_bomb_is_refused(api, generic_token):
    bomb = image_bytes(9000, 9000, 0, "PNG", mode="1")  # 81 MP in a few kilobytes
    response = upload(api, "/photos", generic_token, bomb, filename="bomb.png",
                      content_type="image/png")
    assert response.status_code == 413
    assert error(response)["code"] == "photo_too_large"
    assert not Photo.objects.exists()


@pytest.mark.parametrize(("width", "height"), [
    (20_000, 10_000),  # past Pillow's own ceiling: it raises DecompressionBombError
    (10_000, 10_000),  # past Pillow's warning, an error in this project's test settings
])
@pytest.mark.parametrize("path", ["/photos", "/v2.0/me/photos"])
def test_an_image_over_the_pixel_budget_is_refused_in_the_users_terms(api, alice, make_token,
                                                                       path, width, height):
    # the generic API's error body, then the Graph API's: both {"error": {"message", ...}}
    token = make_token([*SCOPES, "publish_stream"], user=alice)
    response = upload(api, path, token, img.png_declaring(width, height), filename="big.png",
                      content_type="image/png")
    assert response.status_code in (400, 413)
    message = response.json()["error"]["message"]
    for internal in ("Pillow", "PIL", "DecompressionBomb", "decompression bomb DOS attack",
                     "exceeds limit of", "PHOTO_MAX", "settings"):
        assert internal not in message
    assert "32,000,000 pixels" in message  # PHOTO_MAX_PIXELS, in the user's terms


def test_publishing_to_a_chatter_group_through_its_edge(api, generic_token, alice, make_user,
                                                        make_workspace):
    from groups.models import Group

    workspace = make_workspace(members=[alice])
    group = Group.objects.create(workspace=workspace, name="Design", owner=alice)
    response = upload(api, f"/group/{group.sfid}/photos", generic_token, jpeg_bytes(64, 48))
    assert response.status_code == 201
    body = response.json()
    assert body["target"] == f"group:{group.sfid}"
    assert body["workspace"] == str(workspace.pk)
    # the group's own rendition set
    assert Photo.objects.get(public_id=body["_id"]).spec_set == "chatter"
    private = Group.objects.create(workspace=workspace, name="Board", owner=make_user(),
                                   visibility=Group.Visibility.PRIVATE)
    response = upload(api, f"/group/{private.sfid}/photos", generic_token, jpeg_bytes(64, 48))
    assert response.status_code == 404


def test_too_many_form_fields_are_refused_without_naming_a_setting(api, generic_token):
    fields = {f"f{n}": "x" for n in range(1100)}
    response = api.post("/photos", fields, format="multipart", **auth(generic_token))
    assert response.status_code == 400
    message = error(response)["message"]
    assert "DATA_UPLOAD" not in message and "settings" not in message
    assert "too many fields" in message
