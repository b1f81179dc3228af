"""Graph's real answers are the ones the OpenAPI document describes: bodies of real objects
(users, albums, photos with their connections, posts), matched against their operation's schema.
"""

import pytest

from tests.openapi.conformance import assert_documented
from tests.photos.api.helpers import auth, upload
from tests.photos.factories import jpeg_bytes
from tests.photos.graph.helpers import get, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_photo(api, token, alice, bob, team):
    """Alice's photo, captioned with a mention, placed, commented on, liked and tagged."""
    photo = publish(api, token, message=f"Tea with @[{bob.pk}:Bob]", place=str(team.pk))
    api.post(f"/{photo}/comments", {"message": "lovely"}, **auth(token))
    api.post(f"/{photo}/likes", {}, **auth(token))
    api.post(f"/{photo}/tags", {"to": str(bob.pk), "x": "10", "y": "20"}, **auth(token))
    api.post(f"/{photo}/tags", {"tag_text": "the teapot"}, **auth(token))
    return photo


def documented(method, template, response, status=200):
    assert response.status_code == status, response.content
    assert_documented(method, template, response)
    return response


def test_a_photo_with_every_field_and_connection_is_documented(api, token, busy_photo):
    body = documented("GET", "/{object_id}", get(
        api, f"/{busy_photo}", token,
        fields="id,album,from,tags,name,name_tags,icon,picture,source,height,width,images,"
               "link,place,created_time,updated_time,position,comments,likes")).json()
    assert body["comments"]["data"] and body["likes"]["data"] and body["name_tags"]
    assert body["place"] and len(body["tags"]["data"]) == 2
    documented("GET", "/{version}/{object_id}", get(api, f"/v2.0/{busy_photo}", token))


def test_a_photos_connections_are_documented(api, token, busy_photo):
    for connection in ("comments", "likes", "tags"):
        body = documented("GET", f"/{{object_id}}/{connection}",
                          get(api, f"/{busy_photo}/{connection}", token, limit="1")).json()
        assert body["data"] and "paging" in body
    documented("GET", "/{object_id}/picture",
               get(api, f"/{busy_photo}/picture", token, redirect="false"))
    documented("GET", "/{object_id}/picture", get(api, f"/{busy_photo}/picture", token),
               status=302)


def test_users_albums_and_lists_are_documented(api, token, alice, busy_photo):
    documented("GET", "/{object_id}", get(api, "/me", token))
    documented("GET", "/{object_id}", get(api, f"/{alice.pk}", token, fields="id,name"))
    body = documented("GET", "/{object_id}/photos", get(
        api, "/me/photos", token, fields="id,name,images,comments.limit(1),likes")).json()
    assert body["data"][0]["comments"]["data"]
    album = documented("POST", "/{object_id}/albums", api.post(
        "/me/albums", {"name": "Holidays", "message": "Summer"}, **auth(token))).json()["id"]
    documented("GET", "/{version}/{object_id}/albums", get(api, "/v2.0/me/albums", token))
    documented("GET", "/{object_id}", get(api, f"/{album}", token))
    documented("POST", "/{object_id}/photos", upload(api, f"/{album}/photos", token,
                                                     jpeg_bytes(64, 48)))
    documented("GET", "/{object_id}/photos", get(api, f"/{album}/photos", token))


def test_posts_writes_and_errors_are_documented(api, token, alice, bob, team, busy_photo):
    documented("GET", "/{object_id}", get(api, f"/{alice.pk}_{busy_photo}", token))
    documented("POST", "/{object_id}/comments",
               api.post(f"/{busy_photo}/comments", {"message": "again"}, **auth(token)))
    documented("DELETE", "/{object_id}/likes", api.delete(f"/{busy_photo}/likes",
                                                          **auth(token)))
    documented("DELETE", "/{object_id}/tags/{user_id}",
               api.delete(f"/{busy_photo}/tags/{bob.pk}", **auth(token)))
    documented("GET", "/{object_id}", get(api, "/0123456789abcdef01234567", token), status=400)
    documented("GET", "/{object_id}", get(api, "/me"), status=400)
    documented("GET", "/{object_id}", get(api, f"/{busy_photo}", token, fields="colour"),
               status=400)
    documented("DELETE", "/{object_id}", api.delete(f"/{busy_photo}", **auth(token)))


def test_each_operation_is_tagged_graph_and_names_the_scopes_its_routes_ask_for():
    from tests.openapi.conformance import document

    paths = document()["paths"]
    for template in ("/{object_id}/comments", "/{version}/{object_id}/comments"):
        operation = paths[template]["post"]
        assert operation["tags"] == ["Graph"]
        assert {"oauth2": ["publish_stream", "user_photos"]} in operation["security"]
    assert {"oauth2": ["user_photos"]} in paths["/{object_id}/photos"]["get"]["security"]
    # a method no object of the path has is no operation of the document
    assert set(paths["/{object_id}"]) == {"get", "delete"}
    assert set(paths["/{object_id}/tags/{user_id}"]) == {"post", "delete"}
