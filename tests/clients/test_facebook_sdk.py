"""facebook-sdk (3.1.0) against a live Photodesk, through ``GraphAPI``'s public methods, with
only its base URL and token adapted: photos published, read (``fields``, ``images``), listed
page after page, looked up several at once, albums, comments, likes, tags, deletion, the API
version, and Graph's errors as ``GraphAPIError`` with Graph's type and code.

The ``images`` of a photo are asserted by shape only (their sizes are the photo engine's)."""

import facebook
import pytest
from facebook import GraphAPIError

from photos.models import Photo
from tests.support.images import jpeg_bytes
from tests.support.waiting import wait_for_status

pytestmark = pytest.mark.django_db(transaction=True)


def put_photo(graph, tmp_path, album_path="me/photos", **fields) -> str:
    path = tmp_path / f"photo-{len(list(tmp_path.iterdir()))}.jpg"
    path.write_bytes(jpeg_bytes(640, 480))
    with path.open("rb") as image:
        answer = graph.put_photo(image=image, album_path=album_path, **fields)
    assert set(answer) == {"id", "post_id"}
    wait_for_status(Photo.objects.get(public_id=answer["id"]), ("ready",))
    return answer["id"]


def graph_error(call, *args, **kwargs) -> GraphAPIError:
    with pytest.raises(GraphAPIError) as raised:
        call(*args, **kwargs)
    return raised.value


def test_a_published_photo_reads_back_with_its_fields_and_images(facebook_graph, alice,
                                                                 celery_worker, tmp_path):
    photo_id = put_photo(facebook_graph, tmp_path, message="At the lake")
    photo = facebook_graph.get_object(photo_id, fields="id,name,from,images,picture,source")
    assert (photo["id"], photo["name"]) == (photo_id, "At the lake")
    assert photo["from"] == {"id": str(alice.pk), "name": alice.display_name}
    assert photo["images"] and all(set(image) == {"height", "width", "source"}
                                   and image["source"].startswith("http")
                                   for image in photo["images"])
    assert photo["picture"].startswith("http") and photo["source"].startswith("http")

    picture = facebook_graph.get_connections(photo_id, "picture")
    assert picture["mime-type"].startswith("image/") and picture["data"]
    assert facebook_graph.get_connections(photo_id, "picture", redirect="false")["data"][
        "url"].startswith("http")


def test_photos_are_listed_page_after_page_and_looked_up_together(facebook_graph,
                                                                  celery_worker, tmp_path):
    published = [put_photo(facebook_graph, tmp_path) for _ in range(3)]
    first_page = facebook_graph.get_connections("me", "photos", limit=2)
    assert len(first_page["data"]) == 2 and "next" in first_page["paging"]
    every = [photo["id"] for photo in
             facebook_graph.get_all_connections("me", "photos", limit=2, fields="id")]
    assert sorted(every) == sorted(published)

    together = facebook_graph.get_objects(published[:2], fields="id,name")
    assert together == {photo_id: {"id": photo_id} for photo_id in published[:2]}
    assert facebook_graph.get_version() == "2.8"


def test_albums_take_photos(facebook_graph, celery_worker, tmp_path):
    album = facebook_graph.put_object("me", "albums", name="Trip", message="Summer")
    photo_id = put_photo(facebook_graph, tmp_path, album_path=f"{album['id']}/photos")
    assert facebook_graph.get_object(album["id"], fields="id,name,count") == {
        "id": album["id"], "name": "Trip", "count": 1}
    assert [photo["id"] for photo in
            facebook_graph.get_connections(album["id"], "photos")["data"]] == [photo_id]
    assert album["id"] in [each["id"] for each in
                           facebook_graph.get_connections("me", "albums")["data"]]


def test_comments_likes_and_tags(facebook_graph, alice, bob, team, celery_worker, tmp_path):
    photo_id = put_photo(facebook_graph, tmp_path)
    version = facebook_graph.version

    comment = facebook_graph.put_comment(photo_id, "Nice light")
    (listed,) = facebook_graph.get_connections(photo_id, "comments")["data"]
    assert (listed["id"], listed["message"]) == (comment["id"], "Nice light")

    assert facebook_graph.put_like(photo_id) is True
    assert facebook_graph.get_connections(photo_id, "likes")["data"] == [
        {"id": str(alice.pk), "name": alice.display_name}]
    assert facebook_graph.request(f"{version}/{photo_id}/likes", method="DELETE") is True
    assert facebook_graph.get_connections(photo_id, "likes")["data"] == []

    assert facebook_graph.put_object(photo_id, "tags", to=str(bob.pk), x="30", y="40") is True
    assert facebook_graph.put_object(photo_id, "tags", tag_text="the lake") is True
    tags = facebook_graph.get_connections(photo_id, "tags")["data"]
    assert {(tag.get("id"), tag["name"]) for tag in tags} == {
        (str(bob.pk), bob.display_name), (None, "the lake")}
    assert facebook_graph.put_object(photo_id, f"tags/{bob.pk}", x="75") is True  # moved
    assert [tag["x"] for tag in facebook_graph.get_connections(photo_id, "tags")["data"]
            if tag.get("id") == str(bob.pk)] == [75]
    assert facebook_graph.request(f"{version}/{photo_id}/tags", {"to": str(bob.pk)},
                                  method="DELETE") is True
    assert [tag["name"] for tag in facebook_graph.get_connections(photo_id, "tags")["data"]] \
        == ["the lake"]


def test_a_deleted_photo_is_gone(facebook_graph, celery_worker, tmp_path):
    photo_id = put_photo(facebook_graph, tmp_path)
    assert facebook_graph.delete_object(photo_id) is True
    error = graph_error(facebook_graph.get_object, photo_id)
    assert (error.type, error.code) == ("GraphMethodException", 100)


def test_graphs_errors_are_graph_api_errors_with_type_and_code(facebook_graph, bob, make_token):
    bogus = facebook.GraphAPI(access_token="bogus", version="2.8", timeout=30)
    error = graph_error(bogus.get_object, "me")
    assert (error.type, error.code, error.message) == (
        "OAuthException", 190, "Invalid OAuth access token.")
    error = graph_error(facebook_graph.get_objects, ["me", "0123456789abcdef01234567"])
    assert (error.type, error.code) == ("OAuthException", 803)
    reader = facebook.GraphAPI(access_token=make_token(["user_photos"], user=bob), timeout=30)
    error = graph_error(reader.put_object, "me", "albums", name="Nope")
    assert (error.type, error.code) == ("OAuthException", 200)
