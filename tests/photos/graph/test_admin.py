"""Moderators find albums, comments, likes and tags in the admin."""

import pytest

from photos.models import Album, Comment, Like, Tag
from tests.support.graph import GRAPH_ALL, publish

pytestmark = pytest.mark.django_db


def test_moderators_review_albums_comments_likes_and_tags(api, client, alice, make_user,
                                                          make_token):
    from photos.models import Photo

    photo = Photo.objects.get(public_id=publish(api, make_token(GRAPH_ALL, user=alice)))
    Comment.objects.create(photo=photo, author=alice, message="needs review")
    Like.objects.create(photo=photo, user=alice)
    Tag.objects.create(photo=photo, text="a tag")
    client.force_login(make_user(is_staff=True, is_superuser=True))
    album = Album.objects.get()
    pages = {"/admin/photos/album/": album.name,
             f"/admin/photos/album/{album.pk}/change/": album.public_id,
             "/admin/photos/comment/": "needs review", "/admin/photos/like/": photo.public_id,
             "/admin/photos/tag/": "a tag"}
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
