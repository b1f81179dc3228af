"""Graph cursor pagination on lists: data, cursors, absolute next/previous URLs, no next at the
end, no previous at the start; limit, after and before; bad parameters."""

import pytest

from photos.models import Comment, Photo
from tests.support.generic import auth
from tests.support.graph import get, graph_error, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented_photo(api, graph_token, alice):
    photo_id = publish(api, graph_token)
    photo = Photo.objects.get(public_id=photo_id)
    Comment.objects.bulk_create(Comment(photo=photo, author=alice, message=f"c{i}")
                                for i in range(5))
    return photo_id


def follow(api, url, token):
    assert url.startswith("http://testserver/")
    return api.get(url.removeprefix("http://testserver"), **auth(token)).json()


def messages(page):
    return [item["message"] for item in page["data"]]


def test_walking_forward_and_back(api, commented_photo, graph_token):
    first = get(api, f"/v2.0/{commented_photo}/comments", graph_token, limit=2).json()
    assert messages(first) == ["c0", "c1"]
    assert "previous" not in first["paging"]
    assert set(first["paging"]["cursors"]) == {"before", "after"}
    assert first["paging"]["next"].startswith(f"http://testserver/v2.0/{commented_photo}/comments?")
    second = follow(api, first["paging"]["next"], graph_token)
    assert messages(second) == ["c2", "c3"]
    third = follow(api, second["paging"]["next"], graph_token)
    assert messages(third) == ["c4"]
    assert "next" not in third["paging"]
    back = follow(api, third["paging"]["previous"], graph_token)
    assert messages(back) == ["c2", "c3"]
    start = follow(api, back["paging"]["previous"], graph_token)
    assert messages(start) == ["c0", "c1"] and "previous" not in start["paging"]


def test_cursors_are_taken_as_parameters(api, commented_photo, graph_token):
    first = get(api, f"/{commented_photo}/comments", graph_token, limit=3).json()
    after = get(api, f"/{commented_photo}/comments", graph_token,
                after=first["paging"]["cursors"]["after"])
    assert messages(after.json()) == ["c3", "c4"]
    last = after.json()["paging"]["cursors"]["before"]
    before = get(api, f"/{commented_photo}/comments", graph_token, before=last, limit=1).json()
    assert messages(before) == ["c2"]


def test_a_page_that_ends_exactly_has_no_next(api, commented_photo, graph_token):
    page = get(api, f"/{commented_photo}/comments", graph_token, limit=5).json()
    assert len(page["data"]) == 5 and "next" not in page["paging"]


def test_the_token_parameter_travels_in_the_next_url(api, commented_photo, graph_token):
    page = api.get(f"/{commented_photo}/comments", {"access_token": graph_token, "limit": 2}).json()
    assert f"access_token={graph_token}" in page["paging"]["next"]
    assert messages(api.get(page["paging"]["next"].removeprefix("http://testserver")).json()) \
        == ["c2", "c3"]


def test_an_expanded_connection_pages_to_its_own_url(api, commented_photo, graph_token):
    body = get(api, f"/{commented_photo}", graph_token, fields="comments.limit(2)").json()
    assert messages(body["comments"]) == ["c0", "c1"]
    assert body["comments"]["paging"]["next"].startswith(
        f"http://testserver/{commented_photo}/comments?limit=2&after=")
    assert messages(follow(api, body["comments"]["paging"]["next"], graph_token)) == ["c2", "c3"]


def test_photo_lists_page_newest_first(api, graph_token):
    ids = [publish(api, graph_token) for _ in range(3)]
    first = get(api, "/me/photos", graph_token, limit=2, fields="id").json()
    assert [p["id"] for p in first["data"]] == [ids[2], ids[1]]
    rest = follow(api, first["paging"]["next"], graph_token)
    assert [p["id"] for p in rest["data"]] == [ids[0]] and "next" not in rest["paging"]
    assert "fields=id" in first["paging"]["next"]


def test_an_empty_list_has_no_paging(api, graph_token):
    assert get(api, "/me/photos", graph_token).json() == {"data": []}


@pytest.mark.parametrize("params", [{"limit": "abc"}, {"limit": "0"}, {"limit": "-3"},
                                    {"after": "!!!"}, {"before": "bm90LWEtbnVtYmVy"}])
def test_bad_paging_parameters_are_code_100(api, commented_photo, graph_token, params):
    response = get(api, f"/{commented_photo}/comments", graph_token, **params)
    assert response.status_code == 400 and graph_error(response)["code"] == 100


def test_a_large_limit_is_capped_at_100(api, commented_photo, graph_token, alice):
    Comment.objects.bulk_create(Comment(photo=Photo.objects.get(public_id=commented_photo),
                                        author=alice, message=f"more {i}")
                                for i in range(120))
    page = get(api, f"/{commented_photo}/comments", graph_token, limit=100000).json()
    assert len(page["data"]) == 100
    assert "limit=100&" in page["paging"]["next"]
