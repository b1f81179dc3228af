"""Take-down and restore (photos.moderation): a taken-down photo is served by no URL, shown by
no API, revived by no re-render, and keeps its original until a moderator restores or deletes
it; each act records who, when and why."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from photos import imaging, moderation, services
from photos.delivery import rendition_url
from photos.models import Photo
from tests.support.generic import auth
from tests.support.images import jpeg_bytes
from tests.support.storage import stored_keys
from tests.support.waiting import wait_for_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(make_user):
    photo = services.create_photo(jpeg_bytes(), owner=make_user("owner"))
    return services.render_photo(photo.pk)


def take_down(photo, moderator, reason="Copyright claim #12"):
    return moderation.take_down(Photo.objects.filter(pk=photo.pk), moderator=moderator,
                                reason=reason)


def rendition_keys(photo):
    return list(photo.renditions.values_list("storage_key", flat=True))


def test_a_take_down_records_who_when_why_and_removes_every_rendition_file(
        client, photo, staff_user, django_capture_on_commit_callbacks):
    keys = rendition_keys(photo)
    urls = [rendition_url(r) for r in photo.renditions.all()]
    assert keys and all(client.get(url).status_code == 200 for url in urls)

    with django_capture_on_commit_callbacks(execute=True):
        assert take_down(photo, staff_user) == [photo.pk]

    photo.refresh_from_db()
    assert (photo.status, photo.taken_down_by, photo.takedown_reason) == (
        "taken_down", staff_user, "Copyright claim #12")
    assert photo.taken_down_at is not None
    assert not photo.renditions.exists()
    assert not any(default_storage.exists(key) for key in keys)  # gone at the origin
    assert all(client.get(url).status_code == 404 for url in urls)
    assert default_storage.exists(photo.original)  # kept for the moderator's decision
    assert client.get(f"/media/{photo.original}").status_code == 404


def test_a_take_down_needs_a_reason_and_happens_once(photo, staff_user, make_user):
    with pytest.raises(ValueError):
        take_down(photo, staff_user, reason="  ")
    assert take_down(photo, staff_user, reason="first") == [photo.pk]
    assert take_down(photo, make_user(), reason="second") == []
    photo.refresh_from_db()
    assert (photo.taken_down_by, photo.takedown_reason) == (staff_user, "first")


def test_no_render_path_revives_a_taken_down_photo(photo, staff_user, make_user):
    take_down(photo, staff_user)
    services.render_photo(photo.pk, force=True)  # the worker's task
    services.mark_failed(photo.pk, "a late failure")
    assert moderation.rerender(Photo.objects.all()) == []  # the admin's action
    services.sweep()
    photo.refresh_from_db()
    assert (photo.status, photo.failure_reason) == ("taken_down", "")
    assert not photo.renditions.exists()


def test_a_render_running_during_the_take_down_leaves_nothing_behind(
        make_user, staff_user, monkeypatch, django_capture_on_commit_callbacks):
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    real_render = imaging.render

    def render_then_take_down(*args, **kwargs):
        rendered = real_render(*args, **kwargs)
        with transaction.atomic():  # the moderator acts while the worker encodes
            take_down(photo, staff_user)
        return rendered

    monkeypatch.setattr(imaging, "render", render_then_take_down)
    with django_capture_on_commit_callbacks(execute=True):
        services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == "taken_down" and not photo.renditions.exists()
    assert [key for key in stored_keys() if photo.public_id in key] == [photo.original]


def test_restore_renders_again_from_the_original(client, photo, staff_user):
    take_down(photo, staff_user)
    assert moderation.restore(Photo.objects.filter(pk=photo.pk), moderator=staff_user) == \
        [photo.pk]
    photo.refresh_from_db()
    assert (photo.status, photo.taken_down_at, photo.taken_down_by, photo.takedown_reason) \
        == ("pending", None, None, "")
    services.render_photo(photo.pk)  # what the queued task does
    photo.refresh_from_db()
    assert photo.status == "ready"
    assert client.get(rendition_url(photo.rendition("small"))).status_code == 200
    assert moderation.restore(Photo.objects.filter(pk=photo.pk), moderator=staff_user) == []


def test_bulk_acts_walk_thousands_in_chunks(make_user, staff_user, monkeypatch):
    owner = make_user()
    photos = [services.create_photo(jpeg_bytes(16, 16), owner=owner) for _ in range(7)]
    monkeypatch.setattr(moderation, "CHUNK", 3)
    assert sorted(moderation.take_down(Photo.objects.filter(owner=owner),
                                       moderator=staff_user, reason="spam")) == \
        sorted(p.pk for p in photos)
    assert len(moderation.restore(Photo.objects.filter(owner=owner),
                                  moderator=staff_user)) == 7


# --- the generic photo resource ------------------------------------------------------------------
MISSING = "0123456789abcdef01234567"


def test_the_generic_resource_answers_as_for_a_photo_that_does_not_exist(
        api, make_user, make_token, staff_user):
    from tests.support.generic import upload

    owner = make_user()
    token = make_token(["user_photos", "manage_photos"], user=owner)
    public_id = upload(api, "/photos", token, jpeg_bytes(64, 48)).json()["_id"]
    take_down(Photo.objects.get(public_id=public_id), staff_user)
    for method, data in (("get", None), ("put", {"name": "x"}), ("delete", None)):
        down = getattr(api, method)(f"/photo/{public_id}", data, **auth(token))
        missing = getattr(api, method)(f"/photo/{MISSING}", data, **auth(token))
        assert down.status_code == missing.status_code == 404
        assert down.json()["error"]["code"] == missing.json()["error"]["code"]
    assert Photo.objects.get(public_id=public_id).status == "taken_down"


# --- with the real worker -------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_a_photo_taken_down_as_it_is_uploaded_stays_down_and_renders_on_restore(
        make_user, staff_user, wait_for_idle_worker):
    photo = services.create_photo(jpeg_bytes(), owner=make_user())  # its render is queued
    take_down(photo, staff_user)
    wait_for_idle_worker()
    photo.refresh_from_db()
    assert photo.status == "taken_down" and not photo.renditions.exists()
    moderation.restore(Photo.objects.filter(pk=photo.pk), moderator=staff_user)
    assert wait_for_status(photo).status == "ready"
    assert photo.renditions.count() == len(imaging.specs_for_set(photo.spec_set))
