"""The photo engine's services: validate now, store, render later, replace safely, delete."""

import pytest
from django.core.files.storage import default_storage

from photos import errors, imaging, services, storage
from photos.models import Photo, Rendition
from tests.support.images import (
    animated_gif,
    image_bytes,
    jpeg_bytes,
    jpeg_with_gps,
    open_image,
    png_bytes,
)
from tests.support.storage import stored_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user, make_workspace):
    user = make_user("owner")
    make_workspace("Studio", members=[user])
    return user




def test_create_stores_the_original_and_waits_for_the_worker(owner,
                                                             django_capture_on_commit_callbacks):
    data = jpeg_bytes(640, 480)
    with django_capture_on_commit_callbacks() as callbacks:
        photo = services.create_photo(data, owner=owner, name="holiday.jpg")
    assert len(callbacks) == 1  # the render task is queued once the row is committed
    assert photo.status == Photo.Status.PENDING
    assert photo.is_temporary
    assert (photo.mime_type, photo.width, photo.height) == ("image/jpeg", 640, 480)
    assert photo.byte_size == len(data)
    import hashlib

    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    with storage.open_key(photo.original) as handle:
        assert handle.read() == data
    assert photo.renditions.count() == 0


@pytest.mark.parametrize("data, error", [
    (b"", errors.ImageError),
    (b"just some text, named photo.png", errors.UnsupportedFormat),
    (jpeg_bytes()[:300], errors.CorruptImage),
])
def test_bad_uploads_are_refused_before_anything_is_stored(owner, data, error):
    before = stored_keys()
    with pytest.raises(error):
        services.create_photo(data, owner=owner)
    assert Photo.objects.count() == 0
    assert stored_keys() == before


def test_limits_are_per_caller(owner):
    data = png_bytes(400, 300)
    with pytest.raises(errors.TooManyPixels):
        services.create_photo(data, owner=owner, limits=imaging.Limits(max_pixels=100_000))
    with pytest.raises(errors.FileTooLarge):
        services.create_photo(data, owner=owner, limits=imaging.Limits(max_bytes=100))
    assert services.create_photo(data, owner=owner).width == 400


def test_an_animation_accepted_under_larger_limits_renders_under_them(owner, settings):
    # 4 frames of 60x60 are 14,400 pixels in all: over the default budget, within the caller's
    settings.PHOTO_MAX_PIXELS = 10_000
    gif = animated_gif([(60 * n, 0, 0) for n in range(4)], size=(60, 60))
    with pytest.raises(errors.TooManyPixels):
        services.create_photo(gif, owner=owner)
    photo = services.create_photo(gif, owner=owner,
                                  limits=imaging.Limits(max_pixels=20_000))
    assert photo.frames == 4
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert (photo.status, photo.failure_reason) == (Photo.Status.READY, "")
    assert photo.renditions.get(spec="original").format == "GIF"


def test_crop_outside_the_image_is_refused_at_once(owner):
    with pytest.raises(errors.CropOutOfBounds):
        services.create_photo(png_bytes(300, 200), owner=owner, crop=imaging.Crop(150, 0, 200))


def test_render_makes_every_rendition_of_the_set_without_metadata(owner):
    photo = services.create_photo(jpeg_with_gps(400, 300), owner=owner)
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.READY
    specs = {r.spec: r for r in photo.renditions.all()}
    assert set(specs) == set(imaging.SETS["generic"])
    for name, (width, height) in {"large": (250, 250), "small": (100, 100),
                                  "icon": (32, 32), "original": (400, 300)}.items():
        with storage.open_key(specs[name].storage_key) as handle:
            image = open_image(handle.read())
        assert image.size == (width, height) == (specs[name].width, specs[name].height)
        assert not image.getexif()
        assert "exif" not in image.info


def test_a_first_render_stores_its_renditions_in_one_statement(owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    photo = services.create_photo(jpeg_bytes(), owner=owner)
    with CaptureQueriesContext(connection) as queries:
        services.render_photo(photo.pk)
    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "photos_rendition"')]
    assert len(inserts) == 1  # one round trip to the database, not one per rendition
    assert photo.renditions.count() == len(imaging.SETS["generic"])


def test_render_twice_changes_nothing(owner):
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    services.render_photo(photo.pk)
    first = sorted(Rendition.objects.values_list("storage_key", flat=True))
    services.render_photo(photo.pk)
    assert sorted(Rendition.objects.values_list("storage_key", flat=True)) == first


def test_forced_rerender_keeps_the_old_renditions_until_the_new_ones_commit(
        owner, monkeypatch, django_capture_on_commit_callbacks):
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    services.render_photo(photo.pk)
    old_keys = set(Rendition.objects.values_list("storage_key", flat=True))
    seen_during_render = []
    save_bytes = storage.save_bytes

    def spying_save(key, data):
        # while new files are written, the photo still has all its old renditions, and is ready
        seen_during_render.append((Rendition.objects.filter(photo=photo).count(),
                                   Photo.objects.get(pk=photo.pk).status))
        return save_bytes(key, data)

    monkeypatch.setattr(storage, "save_bytes", spying_save)
    with django_capture_on_commit_callbacks(execute=True):
        services.render_photo(photo.pk, force=True)
    expected = len(imaging.SETS["generic"])
    assert seen_during_render and all(seen == (expected, "ready")
                                      for seen in seen_during_render)
    new_keys = set(Rendition.objects.values_list("storage_key", flat=True))
    assert new_keys.isdisjoint(old_keys)
    assert all(default_storage.exists(key) for key in new_keys)
    assert not any(default_storage.exists(key) for key in old_keys)


def test_a_photo_that_cannot_be_decoded_fails_with_its_reason(owner):
    photo = services.create_photo(jpeg_bytes(800, 600), owner=owner)
    # the stored original is damaged after validation (a disk fault, a bad copy)
    with default_storage.open(photo.original, "wb") as handle:
        handle.write(jpeg_bytes(800, 600)[:600])
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.FAILED
    assert photo.failure_reason
    assert photo.renditions.count() == 0


def test_a_missing_original_fails_instead_of_retrying_forever(owner):
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    default_storage.delete(photo.original)
    services.render_photo(photo.pk)
    photo.refresh_from_db()
    assert photo.status == Photo.Status.FAILED
    assert "missing" in photo.failure_reason


def test_render_of_a_deleted_photo_is_a_no_op(owner):
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    pk = photo.pk
    photo.delete()
    assert services.render_photo(pk) is None


@pytest.mark.django_db(transaction=True)
def test_deleting_a_photo_removes_its_files(make_user):
    owner = make_user()
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    services.render_photo(photo.pk)
    keys = [photo.original, *photo.renditions.values_list("storage_key", flat=True)]
    assert all(default_storage.exists(key) for key in keys)
    services.delete_photo(photo)
    assert not any(default_storage.exists(key) for key in keys)


def test_attaching_a_temporary_photo_to_a_target(owner, make_workspace):
    workspace = make_workspace("Team")
    photo = services.create_photo(jpeg_bytes(), owner=owner)
    services.attach(photo, workspace)
    photo.refresh_from_db()
    assert not photo.is_temporary
    assert photo.target == workspace
    assert photo.workspace == workspace
    assert list(services.photos_of(workspace)) == [photo]


def test_current_photo_is_the_newest_ready_one(owner):
    first = services.create_photo(jpeg_bytes(color=(255, 0, 0)), owner=owner, target=owner)
    services.render_photo(first.pk)
    second = services.create_photo(jpeg_bytes(color=(0, 0, 255)), owner=owner, target=owner)
    assert services.current_photo(owner) == first  # the new one is not ready yet
    services.render_photo(second.pk)
    assert services.current_photo(owner) == second


def test_principal_fills_owner_workspace_and_application(owner, make_token, api):
    from accounts.authentication import load_token
    from accounts.principal import principal_for_token

    raw = make_token(["user_photos"], user=owner)
    principal = principal_for_token(load_token(raw))
    photo = services.create_photo(jpeg_bytes(), principal=principal)
    assert photo.owner == owner
    assert photo.workspace.name == "Studio"
    assert photo.application == principal.application


def test_a_callers_format_list_refuses_other_images_before_storing(owner):
    webp = image_bytes(50, 40, (1, 2, 3), "WEBP")
    before = stored_keys()
    with pytest.raises(errors.UnsupportedFormat, match="WEBP"):
        services.create_photo(webp, owner=owner, formats={"image/png", "image/jpeg"})
    assert Photo.objects.count() == 0 and stored_keys() == before
    assert services.create_photo(webp, owner=owner).mime_type == "image/webp"


def _delete_one(photo):
    services.delete_photo(photo)


def _delete_as_the_admin_bulk_action_does(photo):
    Photo.objects.filter(pk=photo.pk).delete()


def _delete_its_workspace(photo):
    photo.workspace.delete()


@pytest.mark.parametrize("delete", [_delete_one, _delete_as_the_admin_bulk_action_does,
                                    _delete_its_workspace])
def test_every_deletion_locks_the_photo_before_deleting_its_renditions(owner, make_workspace,
                                                                         delete):
    """A render locks the photo row, then its renditions; a delete must take them in the same
    order, or a delete racing the worker's render deadlocks (seen in CI before this lock)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    workspace = make_workspace("Agency", members=[owner])
    photo = services.create_photo(jpeg_bytes(), owner=owner, workspace=workspace)
    services.render_photo(photo.pk)
    assert photo.renditions.count() == 4
    with CaptureQueriesContext(connection) as queries:
        delete(photo)
    statements = [query["sql"] for query in queries.captured_queries]
    lock = next(n for n, sql in enumerate(statements)
                if sql.startswith('SELECT "photos_photo"."id"') and sql.endswith("FOR UPDATE"))
    deletes = [n for n, sql in enumerate(statements) if sql.startswith("DELETE")]
    first_rendition_delete = next(n for n in deletes
                                  if statements[n].startswith('DELETE FROM "photos_rendition"'))
    assert lock < min(deletes) <= first_rendition_delete
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not Rendition.objects.filter(photo_id=photo.pk).exists()


def test_deleting_one_photo_locks_it_before_collecting_its_renditions(owner):
    """A render that swaps its renditions in after Django collected the ones to delete, but
    before the photo's row is locked, leaves a rendition the deletion never saw: the commit
    failed on its foreign key (DELETE /photo/{id} answered 500 while the worker rendered)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    photo = services.create_photo(jpeg_bytes(), owner=owner)
    services.render_photo(photo.pk)
    with CaptureQueriesContext(connection) as queries:
        services.delete_photo(photo)
    statements = [query["sql"] for query in queries.captured_queries]
    lock = next(n for n, sql in enumerate(statements)
                if sql.startswith('SELECT "photos_photo"."id"') and sql.endswith("FOR UPDATE"))
    collect = next(n for n, sql in enumerate(statements)
                   if sql.startswith("SELECT") and 'FROM "photos_rendition"' in sql)
    assert lock < collect
    assert not Photo.objects.filter(pk=photo.pk).exists()
