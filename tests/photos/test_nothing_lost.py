"""Nothing lost, nothing stuck, nothing left behind: the sweeper, the journal of files no row
owns, interrupted writes, and renders that keep failing.

These run in the test process (storage that fails writes is a real storage class that raises
part-way through a file, as a full disk or Ctrl-C does); the faults with real processes
(SIGKILL, a broker killed, connections dropped, a disk that fills up) are in tests/faults.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from photos import errors, services, storage, tasks
from photos.models import Photo, Rendition, UnownedFile
from tests.support.images import jpeg_bytes
from tests.support.waiting import wait_for_status

pytestmark = pytest.mark.django_db


def stored_photo_files(media_root) -> set[str]:
    folder = media_root / "photos"
    return {str(p.relative_to(media_root)) for p in folder.rglob("*") if p.is_file()} \
        if folder.exists() else set()


def owned_files() -> set[str]:
    return (set(Photo.objects.values_list("original", flat=True))
            | set(Rendition.objects.values_list("storage_key", flat=True)))


@pytest.fixture
def clean_media(media_root):
    """This test's photos only (other tests leave files in the session's media folder)."""
    before = stored_photo_files(media_root)
    return lambda: stored_photo_files(media_root) - before


class BreakingStorage(FileSystemStorage):
    """Writes half of the ``fail_at``-th file it saves, then raises ``error`` (a disk that fills
    up, a Ctrl-C): the half-written file stays on disk, as it would."""

    fail_at = 1
    error = KeyboardInterrupt

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved = 0

    def _save(self, name, content):
        self.saved += 1
        if self.saved < self.fail_at:
            return super()._save(name, content)
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.read()
        with open(path, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise self.error()


@pytest.fixture
def breaking_storage(settings, media_root):
    def install(fail_at, error):
        BreakingStorage.fail_at, BreakingStorage.error = fail_at, staticmethod(error)
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": f"{__name__}.BreakingStorage", "OPTIONS": {"location": str(media_root)}}}

    yield install


def restore_storage(settings, media_root):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(media_root)}}}


# --- interrupted writes leave no file ----------------------------------------------------------
def test_ctrl_c_in_the_middle_of_a_render_leaves_no_file(make_user, breaking_storage,
                                                         clean_media, settings, media_root):
    """``rerender_photos --inline`` stopped with Ctrl-C while it writes renditions."""
    photo = services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    breaking_storage(fail_at=3, error=KeyboardInterrupt)  # two renditions, then half of one
    with pytest.raises(KeyboardInterrupt):
        services.render_photo(photo.pk)
    restore_storage(settings, media_root)
    assert clean_media() == {photo.original}  # no rendition file, not even the half one
    assert not UnownedFile.objects.exists()
    photo.refresh_from_db()
    assert photo.status == "processing"  # the sweeper queues it again (below)
    assert services.render_photo(photo.pk).status == "ready"


def test_a_full_disk_in_the_middle_of_a_render_leaves_no_file(make_user, breaking_storage,
                                                              clean_media, settings,
                                                              media_root):
    photo = services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    breaking_storage(fail_at=2, error=lambda: OSError(28, "No space left on device"))
    with pytest.raises(OSError):
        services.render_photo(photo.pk)  # the task retries this (below)
    restore_storage(settings, media_root)
    assert clean_media() == {photo.original}
    assert not UnownedFile.objects.exists()


def test_an_upload_interrupted_while_its_original_is_written_leaves_no_file(
        make_user, breaking_storage, clean_media):
    breaking_storage(fail_at=1, error=KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    assert clean_media() == set()
    assert not Photo.objects.exists() and not UnownedFile.objects.exists()


def test_an_upload_on_a_full_disk_is_refused_as_such_and_leaves_nothing(
        make_user, breaking_storage, clean_media):
    breaking_storage(fail_at=1, error=lambda: OSError(28, "No space left on device"))
    with pytest.raises(errors.StorageFull):
        services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    assert clean_media() == set()
    assert not Photo.objects.exists() and not UnownedFile.objects.exists()


# --- the journal ------------------------------------------------------------------------------
def test_files_of_a_deletion_that_could_not_delete_them_go_at_the_next_sweep(
        make_user, clean_media, monkeypatch):
    photo = services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    services.render_photo(photo.pk)
    keys = owned_files()
    real_delete = FileSystemStorage.delete

    def unreachable(self, name):
        raise OSError("storage is unreachable")

    monkeypatch.setattr(FileSystemStorage, "delete", unreachable)
    services.delete_photo(photo)  # outside a transaction here: its on_commit runs at once
    assert clean_media() == keys  # still there, and recorded
    assert set(UnownedFile.objects.values_list("key", flat=True)) == keys
    monkeypatch.setattr(FileSystemStorage, "delete", real_delete)
    assert services.sweep()["files_deleted"] == len(keys)
    assert clean_media() == set() and not UnownedFile.objects.exists()


def test_the_staged_files_of_a_dead_attempt_go_once_their_time_has_passed(
        make_user, clean_media, settings):
    """What a killed worker leaves: files written, recorded as unowned, never adopted."""
    photo = services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    key = storage.rendition_key(photo.public_id, "large", "image/jpeg")
    storage.stage([key])
    storage.save_bytes(key, b"half a rendition")
    assert services.sweep()["files_deleted"] == 0  # it may still belong to a live attempt
    later = timezone.now() + timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS + 1)
    assert services.sweep(now=later)["files_deleted"] == 1
    assert clean_media() == {photo.original}


def test_an_attempt_whose_staged_files_were_purged_does_not_commit(make_user, monkeypatch):
    photo = services.create_photo(jpeg_bytes(400, 300), owner=make_user())
    real_stage = storage.stage

    def stage_then_purge(keys):
        real_stage(keys)
        UnownedFile.objects.filter(key__in=keys).update(delete_after=timezone.now())
        storage.purge_due()

    monkeypatch.setattr(storage, "stage", stage_then_purge)
    with pytest.raises(storage.StagedFileLost):
        services.render_photo(photo.pk)
    assert not Rendition.objects.exists()  # no row points at a purged file


# --- the sweeper --------------------------------------------------------------------------------
def test_a_photo_the_broker_never_took_is_queued_by_the_sweeper(make_user, monkeypatch):
    sent = []
    monkeypatch.setattr(services.queue, "send", lambda task, *args: sent.append(args) or True)
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    Photo.objects.filter(pk=photo.pk).update(render_queued_at=None)
    assert services.sweep()["queued"] == 0  # saved a moment ago: its request is queueing it
    later = timezone.now() + timedelta(seconds=11)
    assert services.sweep(now=later)["queued"] == 1
    assert sent == [(photo.pk, False)]
    photo.refresh_from_db()
    assert photo.render_queued_at is not None
    assert services.sweep(now=later)["queued"] == 0  # not twice


def test_a_photo_queued_long_ago_and_never_started_is_queued_again(make_user, monkeypatch,
                                                                   settings):
    sent = []
    monkeypatch.setattr(services.queue, "send", lambda task, *args: sent.append(args) or True)
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    queued = timezone.now()
    Photo.objects.filter(pk=photo.pk).update(render_queued_at=queued)
    soon = queued + timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS - 1)
    assert services.sweep(now=soon)["queued"] == 0
    late = queued + timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS + 1)
    assert services.sweep(now=late)["queued"] == 1


def test_a_render_that_never_finished_is_started_again(make_user, monkeypatch, settings):
    sent = []
    monkeypatch.setattr(services.queue, "send", lambda task, *args: sent.append(args) or True)
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    Photo.objects.filter(pk=photo.pk).update(status="processing", render_attempts=1)
    late = timezone.now() + timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS + 1)
    assert services.sweep(now=late) == {"interrupted": 1, "queued": 1, "files_deleted": 0}
    photo.refresh_from_db()
    assert photo.status == "pending"
    assert services.render_photo(photo.pk).status == "ready"
    photo.refresh_from_db()
    assert photo.render_attempts == 0


def test_a_photo_that_keeps_killing_its_worker_fails_with_a_reason(make_user):
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    Photo.objects.filter(pk=photo.pk).update(status="pending",
                                             render_attempts=services.MAX_RENDER_ATTEMPTS)
    result = services.render_photo(photo.pk)
    assert result.status == "failed"
    assert f"started {services.MAX_RENDER_ATTEMPTS} times" in result.failure_reason


def test_a_sweep_with_the_broker_still_away_loses_nothing(make_user, monkeypatch):
    monkeypatch.setattr(services.queue, "send", lambda task, *args: False)
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    Photo.objects.filter(pk=photo.pk).update(render_queued_at=None)
    assert services.sweep(now=timezone.now() + timedelta(minutes=1))["queued"] == 0
    photo.refresh_from_db()
    assert photo.status == "pending" and photo.render_queued_at is None  # tried again later


@pytest.mark.django_db(transaction=True)
def test_the_sweeper_queues_to_the_real_broker_and_the_worker_renders(celery_worker,
                                                                      make_user):
    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    wait_for_status(photo)  # rendered: now pretend the broker had never taken a second one
    stuck = services.create_photo(jpeg_bytes(), owner=make_user())
    wait_for_status(stuck)
    Photo.objects.filter(pk=stuck.pk).update(status="pending", render_queued_at=None)
    Rendition.objects.filter(photo=stuck).delete()
    assert services.sweep(now=timezone.now() + timedelta(seconds=11))["queued"] == 1
    assert wait_for_status(stuck).status == "ready"


# --- the render task ------------------------------------------------------------------------------
def test_a_render_that_keeps_failing_on_storage_ends_failed_with_the_reason(make_user,
                                                                            monkeypatch):
    photo = services.create_photo(jpeg_bytes(), owner=make_user())

    def full(key, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "save_bytes", full)
    result = tasks.render_photo.apply(args=[photo.pk])  # eager: the retries run at once
    assert result.successful(), result.traceback
    photo.refresh_from_db()
    assert photo.status == "failed"
    assert "storage is full" in photo.failure_reason
    assert f"tried {tasks.MAX_RETRIES + 1} times" in photo.failure_reason


def test_a_lost_database_connection_is_retried(make_user, monkeypatch, media_root):
    from django.db import OperationalError

    photo = services.create_photo(jpeg_bytes(), owner=make_user())
    calls = []
    swap = services._swap_renditions

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return swap(*args)

    monkeypatch.setattr(services, "_swap_renditions", flaky)
    result = tasks.render_photo.apply(args=[photo.pk])
    assert result.successful(), result.traceback
    photo.refresh_from_db()
    assert photo.status == "ready" and len(calls) == 2
    assert {key for key in stored_photo_files(media_root) if photo.public_id in key} \
        == {key for key in owned_files() if photo.public_id in key}
