"""Hostile input to the Graph API is Graph's (#100) error, never a 500: digits that are not
ASCII, text PostgreSQL cannot store (NUL, lone surrogates), JSON nested thousands deep."""

import json
import socket
import threading

import pytest

from photos.models import Album, Comment, Photo, Tag
from tests.support.generic import auth, upload
from tests.support.graph import get, graph_error
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db

DEEP = "[" * 3000 + "]" * 3000


def code_100(response) -> str:
    assert response.status_code == 400, response.content
    error = graph_error(response)
    assert (error["code"], error["type"]) == (100, "OAuthException")
    return error["message"]


# --- digits that are not ASCII ----------------------------------------------------------------
def test_a_place_of_other_digits_is_refused(api, graph_token, team):
    response = upload(api, "/me/photos", graph_token, jpeg_bytes(64, 48), place="²")
    assert "Invalid place" in code_100(response)
    assert not Photo.objects.exists()


@pytest.mark.parametrize("body", [{"to": "²"}, {"to": "٣"},
                                  {"tags": json.dumps([{"tag_uid": "²"}])}])
def test_a_person_to_tag_of_other_digits_is_refused(api, graph_photo, graph_token, body):
    assert "Invalid user id" in code_100(api.post(f"/{graph_photo}/tags", body,
                                                  **auth(graph_token)))
    assert not Tag.objects.exists()


@pytest.mark.parametrize("method", ["post", "delete"])
def test_a_person_in_the_tag_path_of_other_digits_is_refused(api, graph_photo, graph_token, method):
    response = getattr(api, method)(f"/{graph_photo}/tags/²", **auth(graph_token))
    assert "Invalid user id" in code_100(response)


def test_untagging_someone_of_other_digits_is_refused(api, graph_photo, graph_token):
    response = api.delete(f"/{graph_photo}/tags?to=²", **auth(graph_token))
    assert "Invalid user id" in code_100(response)


@pytest.mark.parametrize("fields", ["comments.limit(²)", "comments.limit(٣)",
                                    "comments.limit(1_0)", "comments.limit()"])
def test_a_limit_of_other_digits_is_refused(api, graph_photo, graph_token, fields):
    assert "limit() takes a positive integer" in code_100(get(api, f"/{graph_photo}", graph_token,
                                                              fields=fields))


@pytest.mark.parametrize("limit", ["²", "1_0", "٣"])
def test_a_paging_limit_of_other_digits_is_refused(api, graph_photo, graph_token, limit):
    response = get(api, f"/{graph_photo}/comments", graph_token, limit=limit)
    assert "limit must be a positive integer" in code_100(response)


def test_a_post_id_of_thousands_of_digits_is_unsupported(api, graph_photo, graph_token):
    response = get(api, f"/{'9' * 5000}_{graph_photo}", graph_token)
    assert response.status_code == 400
    assert graph_error(response)["message"] == "Unsupported get request."


@pytest.fixture
def odd_length_server():
    """A server answering ``Content-Length: ²`` (urllib3 reads it as no length)."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer():
        client, _ = server.accept()
        with client:
            client.recv(65536)
            client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n"
                           b"Content-Length: \xb2\r\nConnection: close\r\n\r\nnot an image")

    threading.Thread(target=answer, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/photo.jpg"
    server.close()


def test_a_photo_url_answering_a_length_of_other_digits_is_code_324(api, graph_token,
                                                                     odd_length_server):
    response = api.post("/me/photos", {"url": odd_length_server}, **auth(graph_token))
    assert response.status_code == 400
    assert graph_error(response)["code"] == 324
    assert not Photo.objects.exists()


def test_a_mention_of_thousands_of_digits_stays_as_written(api, graph_token):
    caption = "hello @[" + "9" * 4500 + "]"
    response = upload(api, "/me/photos", graph_token, jpeg_bytes(64, 48), message=caption)
    assert response.status_code == 200, response.content
    assert Photo.objects.get().name == caption[:255]


# --- text the database cannot store -----------------------------------------------------------
def test_a_caption_with_a_nul_is_refused(api, graph_token):
    response = upload(api, "/me/photos", graph_token, jpeg_bytes(64, 48), message="sun\x00set")
    assert "NUL" in code_100(response)
    assert not Photo.objects.exists()


def test_a_comment_with_a_nul_is_refused(api, graph_photo, graph_token):
    response = api.post(f"/{graph_photo}/comments", {"message": "nice\x00"}, **auth(graph_token))
    assert "NUL" in code_100(response)
    query = api.post(f"/{graph_photo}/comments?message=nice%00", **auth(graph_token))
    assert "NUL" in code_100(query)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", [
    {"tag_text": "the\x00lake"},
    {"tags": json.dumps([{"tag_text": "the\x00lake"}])},
    {"tags": '[{"tag_text": "\\ud83d"}]'},
    {"tags": '[{"tag_text": "x", "\\u0000": 1}]'},
])
def test_a_tag_text_the_database_cannot_store_is_refused(api, graph_photo, graph_token, body):
    code_100(api.post(f"/{graph_photo}/tags", body, **auth(graph_token)))
    assert not Tag.objects.exists()


def test_an_album_name_with_a_nul_is_refused(api, graph_token):
    response = api.post("/me/albums", {"name": "Holi\x00days"}, **auth(graph_token))
    code_100(response)
    assert not Album.objects.exists()


@pytest.mark.parametrize("raw", ['{"message": "nice\\u0000"}', '{"message": "\\udc00"}'])
def test_a_json_body_the_database_cannot_store_is_refused(api, graph_photo, graph_token, raw):
    response = api.generic("POST", f"/{graph_photo}/comments", raw, content_type="application/json",
                           **auth(graph_token))
    code_100(response)
    assert not Comment.objects.exists()


# --- JSON nested thousands deep -----------------------------------------------------------------
def test_tags_nested_3000_deep_are_refused(api, graph_photo, graph_token):
    assert "nested deeper" in code_100(api.post(f"/{graph_photo}/tags", {"tags": DEEP},
                                                **auth(graph_token)))


def test_a_json_body_nested_3000_deep_is_refused(api, graph_photo, graph_token):
    response = api.generic("POST", f"/{graph_photo}/comments", '{"message": ' + DEEP + "}",
                           content_type="application/json", **auth(graph_token))
    assert "nested deeper" in code_100(response)
