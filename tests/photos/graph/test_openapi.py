"""Graph's real answers are the ones the OpenAPI document describes: bodies of real objects
(users, albums, photos with their connections, posts), matched against their operation's schema.
"""

import pytest

from tests.support.generic import auth, get, upload
from tests.support.graph import publish
from tests.support.images import jpeg_bytes
from tests.support.openapi import assert_documented

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_photo(api, graph_token, alice, bob, team):
    """Alice's photo, captioned with a mention, placed, commented on, liked and tagged."""
    photo = publish(api, graph_token, message=f"Tea with @[{bob.pk}:Bob]", place=str(team.pk))
    api.post(f"/{photo}/comments", {"message": "lovely"}, **auth(graph_token))
    api.post(f"/{photo}/likes", {}, **auth(graph_token))
    api.post(f"/{photo}/tags", {"to": str(bob.pk), "x": "10", "y": "20"}, **auth(graph_token))
    api.post(f"/{photo}/tags", {"tag_text": "the teapot"}, **auth(graph_token))
    return photo


def documented(method, template, response, status=200):
    assert response.status_code == status, response.content
    assert_documented(method, template, response)
    return response


def test_a_photo_with_every_field_and_connection_is_documented(api, graph_token, busy_photo):
    body = documented("GET", "/{object_id}", get(
        api, f"/{busy_photo}", graph_token,
        fields="id,album,from,tags,name,name_tags,icon,picture,source,height,width,images,"
               "link,place,created_time,updated_time,position,comments,likes")).json()
    assert body["comments"]["data"] and body["likes"]["data"] and body["name_tags"]
    assert body["place"] and len(body["tags"]["data"]) == 2
    documented("GET", "/{version}/{object_id}", get(api, f"/v2.0/{busy_photo}", graph_token))


def test_a_photos_connections_are_documented(api, graph_token, busy_photo):
    for connection in ("comments", "likes", "tags"):
        body = documented("GET", f"/{{object_id}}/{connection}",
                          get(api, f"/{busy_photo}/{connection}", graph_token, limit="1")).json()
        assert body["data"] and "paging" in body
    documented("GET", "/{object_id}/picture",
               get(api, f"/{busy_photo}/picture", graph_token, redirect="false"))
    documented("GET", "/{object_id}/picture", get(api, f"/{busy_photo}/picture", graph_token),
               status=302)


def test_users_albums_and_lists_are_documented(api, graph_token, alice, busy_photo):
    documented("GET", "/{object_id}", get(api, "/me", graph_token))
    documented("GET", "/{object_id}", get(api, f"/{alice.pk}", graph_token, fields="id,name"))
    body = documented("GET", "/{object_id}/photos", get(
        api, "/me/photos", graph_token, fields="id,name,images,comments.limit(1),likes")).json()
    assert body["data"][0]["comments"]["data"]
    album = documented("POST", "/{object_id}/albums", api.post(
        "/me/albums", {"name": "Holidays", "message": "Summer"}, **auth(graph_token))).json()["id"]
    documented("GET", "/{version}/{object_id}/albums", get(api, "/v2.0/me/albums", graph_token))
    documented("GET", "/{object_id}", get(api, f"/{album}", graph_token))
    documented("POST", "/{object_id}/photos", upload(api, f"/{album}/photos", graph_token,
                                                     jpeg_bytes(64, 48)))
    documented("GET", "/{object_id}/photos", get(api, f"/{album}/photos", graph_token))


def test_posts_writes_and_errors_are_documented(api, graph_token, alice, bob, team, busy_photo):
    documented("GET", "/{object_id}", get(api, f"/{alice.pk}_{busy_photo}", graph_token))
    documented("POST", "/{object_id}/comments",
               api.post(f"/{busy_photo}/comments", {"message": "again"}, **auth(graph_token)))
    documented("DELETE", "/{object_id}/likes", api.delete(f"/{busy_photo}/likes",
                                                          **auth(graph_token)))
    documented("DELETE", "/{object_id}/tags/{user_id}",
               api.delete(f"/{busy_photo}/tags/{bob.pk}", **auth(graph_token)))
    documented("GET", "/{object_id}", get(api, "/0123456789abcdef01234567", graph_token),
               status=400)
    documented("GET", "/{object_id}", get(api, "/me"), status=400)
    documented("GET", "/{object_id}", get(api, f"/{busy_photo}", graph_token, fields="colour"),
               status=400)
    documented("DELETE", "/{object_id}", api.delete(f"/{busy_photo}", **auth(graph_token)))


def test_each_operation_is_tagged_graph_and_names_the_scopes_its_routes_ask_for():
    from tests.support.openapi import document

    paths = document()["paths"]
    for template in ("/{object_id}/comments", "/{version}/{object_id}/comments"):
        operation = paths[template]["post"]
        assert operation["tags"] == ["Graph"]
        assert {"oauth2": ["publish_stream", "user_photos"]} in operation["security"]
    assert {"oauth2": ["user_photos"]} in paths["/{object_id}/photos"]["get"]["security"]
    # a method no object of the path has is no operation of the document
    assert set(paths["/{object_id}"]) == {"get", "delete"}
    assert set(paths["/{object_id}/tags/{user_id}"]) == {"post", "delete"}
