"""A photo list embeds each photo's first page of tags, comments and likes: those pages are
read for the whole list at once, so a page of photos costs the same queries for 2 photos as
for 6, and shows what each photo's own connection shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.models import Comment, Like, Photo, Tag
from tests.support.generic import auth
from tests.support.graph import get, publish

pytestmark = pytest.mark.django_db


def add_photos(api, token, people, count, start):
    for n in range(start, start + count):
        photo = Photo.objects.get(public_id=publish(api, token, message=f"p{n}"))
        # a different number of each on every photo, some past an embedded page of 2
        Comment.objects.bulk_create(Comment(photo=photo, author=people[0], message=f"c{n}.{i}")
                                    for i in range(n % 4))
        Like.objects.bulk_create(Like(photo=photo, user=user) for user in people[:n % 3])
        Tag.objects.bulk_create(Tag(photo=photo, user=user, x=10, y=20)
                                for user in people[:(n + 1) % 3])


def list_queries(api, token, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = get(api, path, token, **params)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("params", [{}, {"fields": "id,comments.limit(2),likes,tags.limit(1)"}])
def test_a_longer_list_costs_no_more_queries(api, graph_token, alice, bob, carol, params):
    people = [alice, bob, carol]
    add_photos(api, graph_token, people, 2, start=0)
    two, body = list_queries(api, graph_token, "/me/photos", **params)
    assert len(body["data"]) == 2
    add_photos(api, graph_token, people, 4, start=2)
    six, body = list_queries(api, graph_token, "/me/photos", **params)
    assert len(body["data"]) == 6
    assert six == two


def test_embedded_pages_are_each_photos_own_first_page(api, graph_token, alice, bob, carol):
    add_photos(api, graph_token, [alice, bob, carol], 6, start=0)
    fields = "id,comments.limit(2),likes.limit(1),tags"
    listed = get(api, "/v2.0/me/photos", graph_token, fields=fields).json()["data"]
    assert len(listed) == 6
    for item in listed:
        alone = get(api, f"/v2.0/{item['id']}", graph_token, fields=fields).json()
        assert item == alone
    # asked for by name, an empty connection is shown too; 3 comments show 2 and a next page
    assert {len(item["comments"]["data"]) for item in listed} == {0, 1, 2}
    assert any("next" in item["comments"].get("paging", {}) for item in listed)


def test_a_list_page_after_a_cursor_embeds_the_same_pages(api, graph_token, alice, bob, carol):
    add_photos(api, graph_token, [alice, bob, carol], 4, start=0)
    first = get(api, "/v2.0/me/photos", graph_token, limit=2).json()
    after = first["paging"]["next"].removeprefix("http://testserver")
    second = api.get(after, **auth(graph_token)).json()["data"]
    for item in second:
        assert item == get(api, f"/v2.0/{item['id']}", graph_token).json()
