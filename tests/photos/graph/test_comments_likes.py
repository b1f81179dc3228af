"""Comments (list; create with ``message``, answering its id) and likes (list; create and
delete, answering ``true``)."""

import re

import pytest

from tests.support.generic import auth
from tests.support.graph import GRAPH_ALL, get, graph_error

pytestmark = pytest.mark.django_db


def test_a_comment_is_created_and_listed(api, graph_photo, graph_token, bob, team, make_token):
    response = api.post(f"/{graph_photo}/comments", {"message": "Lovely light"},
                        **auth(graph_token))
    assert response.status_code == 200
    comment_id = response.json()["id"]
    assert set(response.json()) == {"id"} and comment_id.startswith(f"{graph_photo}_")
    bob_token = make_token(GRAPH_ALL, user=bob)
    api.post(f"/{graph_photo}/comments", {"message": "Agreed"}, **auth(bob_token))
    data = get(api, f"/{graph_photo}/comments", graph_token).json()["data"]
    assert [(c["from"]["name"], c["message"]) for c in data] == [
        ("Alice Liddell", "Lovely light"), ("Bob Builder", "Agreed")]
    assert data[0]["id"] == comment_id
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", data[0]["created_time"])


def test_comments_come_with_the_photo(api, graph_photo, graph_token):
    assert "comments" not in get(api, f"/{graph_photo}", graph_token).json()
    api.post(f"/{graph_photo}/comments", {"message": "first"}, **auth(graph_token))
    body = get(api, f"/{graph_photo}", graph_token).json()
    assert [c["message"] for c in body["comments"]["data"]] == ["first"]
    asked = get(api, f"/{graph_photo}", graph_token, fields="likes,comments").json()
    assert asked["likes"] == {"data": []}


@pytest.mark.parametrize("data", [{}, {"message": "   "}, {"message": "x" * 8001}])
def test_a_comment_needs_a_message(api, graph_photo, graph_token, data):
    response = api.post(f"/{graph_photo}/comments", data, **auth(graph_token))
    assert response.status_code == 400 and graph_error(response)["code"] == 100
    assert get(api, f"/{graph_photo}/comments", graph_token).json() == {"data": []}


def test_liking_and_unliking(api, graph_photo, graph_token, alice, bob, team, make_token):
    bob_token = make_token(GRAPH_ALL, user=bob)
    assert api.post(f"/{graph_photo}/likes", **auth(graph_token)).json() is True
    assert api.post(f"/{graph_photo}/likes", **auth(graph_token)).json() is True  # once per person
    assert api.post(f"/{graph_photo}/likes", **auth(bob_token)).json() is True
    data = get(api, f"/{graph_photo}/likes", graph_token).json()["data"]
    assert data == [{"id": str(alice.pk), "name": "Alice Liddell"},
                    {"id": str(bob.pk), "name": "Bob Builder"}]
    assert api.delete(f"/{graph_photo}/likes", **auth(bob_token)).json() is True
    assert get(api, f"/{graph_photo}/likes", graph_token).json()["data"] == [
        {"id": str(alice.pk), "name": "Alice Liddell"}]
    assert get(api, f"/{graph_photo}",
               graph_token).json()["likes"]["data"][0]["id"] == str(alice.pk)
