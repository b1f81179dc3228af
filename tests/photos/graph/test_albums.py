"""Publishing: the application album (made on first use, one per user and application, named
after the application, no size limit), regular albums (200 photos at most), uploads by URL."""

import pytest

from photos.models import Album, AlbumPhoto, Photo
from tests.support.generic import auth, render, upload
from tests.support.graph import GRAPH_ALL, get, graph_error, publish
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapper_token(alice, make_token):
    return make_token(GRAPH_ALL, user=alice, name="Snapper")


def fill(album, count):
    """``count`` photos in ``album`` without going through HTTP (the setup of the limit)."""
    photos = Photo.objects.bulk_create(
        Photo(name=f"p{i}", mime_type="image/jpeg", original=f"none/{album.pk}-{i}.jpg",
              width=1, height=1, byte_size=1, sha256="0" * 64, owner=album.owner,
              is_temporary=False, spec_set="graph") for i in range(count))
    start = album.entries.count()
    AlbumPhoto.objects.bulk_create(AlbumPhoto(album=album, photo=photo, position=start + i + 1)
                                   for i, photo in enumerate(photos))


def test_posting_to_the_user_makes_the_application_album_on_first_use(api, alice, snapper_token):
    assert not Album.objects.exists()
    first = publish(api, snapper_token, caption="first")
    second = publish(api, snapper_token, path=f"/{alice.pk}/photos")
    album = Album.objects.get()
    assert album.is_application_album and album.name == "Snapper"
    assert list(album.entries.order_by("position").values_list("photo__public_id", flat=True)) \
        == [first, second]
    body = get(api, f"/{album.public_id}", snapper_token).json()
    assert body["type"] == "app" and body["count"] == 2 and body["name"] == "Snapper"
    assert body["from"] == {"id": str(alice.pk), "name": "Alice Liddell"}
    assert get(api, f"/{first}", snapper_token).json()["name"] == "first"


def test_each_application_has_its_own_album(api, alice, snapper_token, make_token):
    publish(api, snapper_token)
    publish(api, make_token(GRAPH_ALL, user=alice, name="Other app"))
    assert sorted(Album.objects.values_list("name", flat=True)) == ["Other app", "Snapper"]


def test_album_photos_are_listed_in_position_order(api, alice, snapper_token):
    album_id = api.post("/me/albums", {"name": "Trip", "message": "Summer"},
                        **auth(snapper_token)).json()["id"]
    ids = [publish(api, snapper_token, path=f"/{album_id}/photos") for _ in range(3)]
    body = get(api, f"/{album_id}", snapper_token).json()
    assert body["name"] == "Trip" and body["description"] == "Summer"
    assert body["type"] == "normal" and body["count"] == 3 and body["can_upload"] is True
    listed = get(api, f"/{album_id}/photos", snapper_token).json()["data"]
    assert [(photo["id"], photo["position"]) for photo in listed] == [
        (ids[0], 1), (ids[1], 2), (ids[2], 3)]
    # positions close up when a photo leaves
    assert api.delete(f"/{ids[0]}", **auth(snapper_token)).json() is True
    listed = get(api, f"/{album_id}/photos", snapper_token).json()["data"]
    assert [(photo["id"], photo["position"]) for photo in listed] == [(ids[1], 1), (ids[2], 2)]
    albums = get(api, "/me/albums", snapper_token).json()["data"]
    assert [a["id"] for a in albums] == [album_id]


def test_a_regular_album_holds_at_most_200_photos(api, alice, snapper_token):
    album = Album.objects.create(owner=alice, name="Full")
    fill(album, 199)
    publish(api, snapper_token, path=f"/{album.public_id}/photos")
    assert get(api, f"/{album.public_id}", snapper_token).json()["can_upload"] is False
    response = upload(api, f"/{album.public_id}/photos", snapper_token, jpeg_bytes(64, 48))
    assert response.status_code == 400
    assert graph_error(response) == {"message": "(#321) Album is full",
                                     "type": "OAuthException", "code": 321}
    assert album.entries.count() == 200
    assert Photo.objects.filter(album_entry__album=album).count() == 200


def test_the_application_album_has_no_limit(api, alice, snapper_token):
    publish(api, snapper_token)
    album = Album.objects.get()
    fill(album, 250)
    photo = publish(api, snapper_token)
    assert album.entries.count() == 252
    assert get(api, f"/{photo}", snapper_token).json()["position"] == 252


def test_an_album_needs_a_name(api, snapper_token):
    response = api.post("/me/albums", {"message": "no name"}, **auth(snapper_token))
    assert graph_error(response)["code"] == 100
    assert "name" in graph_error(response)["message"]


def test_an_upload_without_a_file_is_code_324(api, snapper_token):
    response = api.post("/me/photos", {"message": "nothing"}, **auth(snapper_token))
    assert response.status_code == 400
    assert graph_error(response) == {"message": "(#324) Requires upload file",
                                     "type": "OAuthException", "code": 324}


def test_a_file_that_is_not_an_image_is_code_324(api, snapper_token):
    response = upload(api, "/me/photos", snapper_token, b"GIF89a but not really")
    assert graph_error(response)["code"] == 324
    assert not Photo.objects.exists()


def test_a_token_in_the_form_uploads_as_facebook_sdk_sends_it(api, snapper_token):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = {"source": SimpleUploadedFile("a.jpg", jpeg_bytes(64, 48), "image/jpeg"),
            "access_token": snapper_token, "message": "from the form"}
    response = api.post("/me/photos", body, format="multipart")
    assert response.status_code == 200, response.content
    assert Photo.objects.get().name == "from the form"


def test_a_jpeg_cut_before_its_end_is_code_324(api, snapper_token):
    whole = jpeg_bytes(640, 480)
    response = upload(api, "/me/photos", snapper_token, whole[:int(len(whole) * 0.9)])
    assert response.status_code == 400
    error = graph_error(response)
    assert (error["code"], error["type"]) == (324, "OAuthException")
    assert error["message"].startswith("(#324) Missing or invalid image file: The JPEG file is "
                                       "truncated")
    assert not Photo.objects.exists()


def test_an_oversized_upload_is_refused(api, snapper_token, settings):
    settings.PHOTO_MAX_BYTES = 1000
    response = upload(api, "/me/photos", snapper_token, jpeg_bytes(300, 300, quality=100))
    assert response.status_code == 400
    assert graph_error(response)["code"] == 100
    assert "limit" in graph_error(response)["message"]


def test_a_place_must_be_a_page_the_user_belongs_to(api, snapper_token, make_workspace, make_user):
    elsewhere = make_workspace(members=[make_user()])
    response = upload(api, "/me/photos", snapper_token, jpeg_bytes(64, 48), place=str(elsewhere.pk))
    assert graph_error(response)["code"] == 100
    assert not Photo.objects.exists()


def test_a_mention_of_someone_unknown_stays_as_written(api, snapper_token, carol):
    photo = publish(api, snapper_token, message=f"hello @[{carol.pk}] and @[999999:Ghost]")
    body = get(api, f"/{photo}", snapper_token).json()
    assert body["name"] == f"hello @[{carol.pk}] and @[999999:Ghost]"
    assert "name_tags" not in body


# --- by URL (the server-side fetch) ------------------------------------------------------------
def test_a_photo_is_published_from_a_url(api, client, web_server, snapper_token):
    from tests.support.responses import downloaded_image

    response = api.post("/me/photos", {"url": f"{web_server}/photo.png", "caption": "fetched"},
                        **auth(snapper_token))
    assert response.status_code == 200, response.content
    photo_id = response.json()["id"]
    render(photo_id)
    body = get(api, f"/{photo_id}", snapper_token).json()
    assert body["name"] == "fetched"
    assert (body["width"], body["height"]) == (420, 300)
    assert downloaded_image(client, body["source"])[1].size == (420, 300)


def test_a_url_is_judged_by_its_bytes_not_its_content_type(api, web_server, snapper_token):
    response = api.post("/me/photos", {"url": f"{web_server}/page.jpg"}, **auth(snapper_token))
    assert graph_error(response)["code"] == 324
    assert not Photo.objects.exists()


@pytest.mark.usefixtures("loopback_only")
@pytest.mark.parametrize("url, words", [
    ("http://10.0.0.1/x.jpg", "private address, which is not allowed"),
    ("http://169.254.169.254/latest/", "metadata address, which is not allowed"),
    ("file:///etc/passwd", "Only http and https"),
    ("{server}/redirect?to=http://10.0.0.1/", "private address, which is not allowed"),
])
def test_a_url_leading_to_a_refused_place_is_code_100(api, web_server, snapper_token, url, words):
    response = api.post("/me/photos", {"url": url.format(server=web_server)}, **auth(snapper_token))
    assert response.status_code == 400
    error = graph_error(response)
    assert error["code"] == 100
    assert words in error["message"]
    assert not Photo.objects.exists()


def test_a_url_of_a_missing_file_is_code_100(api, web_server, snapper_token):
    response = api.post("/me/photos", {"url": f"{web_server}/nothing.png"}, **auth(snapper_token))
    error = graph_error(response)
    assert error["code"] == 100 and "404" in error["message"]
