"""Two uploads racing for an album's last place, on real PostgreSQL connections: the album's
row lock lets one in and refuses the other, so an album never holds more than its limit."""

import threading

import pytest
from django.db import connection

from photos import albums, errors
from photos.models import Album, AlbumPhoto, Photo
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_uploads_for_the_last_place_in_an_album_let_one_in(make_user, monkeypatch):
    monkeypatch.setattr(Album, "MAX_PHOTOS", 2)
    owner = make_user("racer")
    album = Album.objects.create(owner=owner, name="Trip")
    albums.add_photo(album, jpeg_bytes(), owner=owner, workspace=None, application=None)
    start = threading.Barrier(2)
    outcomes = []

    def upload(n):
        try:
            start.wait(timeout=10)
            albums.add_photo(album, jpeg_bytes(color=(n, 0, 0)), owner=owner, workspace=None,
                             application=None, name=f"racer {n}")
            outcomes.append("added")
        except errors.LimitReached as exc:
            outcomes.append(exc.message)
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["The album holds at most 2 photos.", "added"]
    assert AlbumPhoto.objects.filter(album=album).count() == 2
    # the refused upload kept nothing: no photo row outside the album
    assert Photo.objects.filter(owner=owner).count() == 2
