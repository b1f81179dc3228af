"""The operations other code calls on photos: create, attach, render, delete, find.

Validation of the bytes happens here while the request is open (type, size, pixels, crop);
the renditions are made afterwards by the Celery task, queued once the transaction commits.
"""

from __future__ import annotations

import io
import logging
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from photos import errors, imaging, queue, storage, targets
from photos.imaging.values import MIME_TYPES
from photos.models import Photo, Rendition

logger = logging.getLogger("photodesk.photos")


def default_limits() -> imaging.Limits:
    from django.conf import settings

    return imaging.Limits(max_bytes=settings.PHOTO_MAX_BYTES,
                          max_pixels=settings.PHOTO_MAX_PIXELS)


def _as_file(upload):
    if isinstance(upload, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(upload))
    return getattr(upload, "file", upload)  # Django's UploadedFile wraps the real file


def create_photo(upload, *, principal=None, owner=None, workspace=None, application=None,
                 target=None, name: str = "", spec_set: str | None = None,
                 crop: imaging.Crop | None = None, limits: imaging.Limits | None = None,
                 formats=None, run_triggers: bool = True, in_transaction=None) -> Photo:
    """Validate ``upload`` now, store it, and queue its renditions after commit.

    ``principal`` fills owner, workspace and application unless they are given. A photo with
    no ``target`` is temporary until :func:`attach`. Raises the imaging errors
    (``UnsupportedFormat``, ``FileTooLarge``, ``TooManyPixels``, ``CorruptImage``,
    ``CropOutOfBounds``) before anything is stored, and ``Unavailable`` (``StorageFull``) when
    storage cannot take the file. ``formats`` narrows the accepted MIME types for an API whose
    list is shorter than the engine's (Zoho has no WebP). ``run_triggers`` False asks the
    target's app not to run its automations for it (Zoho's ``restrict_triggers``).

    The file is written before any transaction opens (no lock is held while bytes travel);
    ``in_transaction(photo)``, when given, runs in the transaction that saves the photo (an
    album's place, a record's modification time): if it raises, nothing is kept. Call it
    outside a transaction, so that the file's record in the journal commits first.
    """
    if principal is not None:
        owner = owner if owner is not None else principal.user
        workspace = workspace if workspace is not None else principal.workspace
        application = application if application is not None else principal.application
    fileobj = _as_file(upload)
    info = imaging.inspect(fileobj, limits or default_limits())
    if formats is not None and info.mime not in formats:
        # in the engine's own order (JPEG, PNG, GIF, BMP, WebP), whatever the caller's
        names = [name for name, mime in MIME_TYPES.items() if mime in formats]
        wanted = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        raise errors.UnsupportedFormat(
            f"{info.format} images are not accepted here: send a {wanted} image.",
            mime=info.mime, accepted=tuple(MIME_TYPES[name] for name in names))
    if crop is not None:
        imaging.check_crop(info, crop)
    target_type = targets.for_object(target) if target is not None else None
    if target is not None and target_type is None:
        raise errors.InvalidInput(f"A {target._meta.verbose_name} cannot hold photos.")
    photo = Photo(
        name=name[:255], mime_type=info.mime, width=info.width, height=info.height,
        frames=info.frames,
        spec_set=spec_set or (target_type.spec_set if target_type else "generic"),
        owner=owner, workspace=workspace, application=application, run_triggers=run_triggers,
    )
    if crop is not None:
        photo.crop_x, photo.crop_y, photo.crop_size = crop.x, crop.y, crop.size
    if target is not None:
        photo.target, photo.is_temporary = target, False
        photo.workspace = photo.workspace or target_type.workspace_of(target)
    key = storage.original_key(photo.public_id, info.mime)
    try:
        storage.stage([key])
        try:
            _, photo.byte_size, photo.sha256 = storage.save_stream(key, fileobj)
        except storage.STORAGE_ERRORS as exc:
            raise storage.storage_error(exc) from exc
        photo.original = key
        with transaction.atomic():
            photo.save()
            storage.adopt([key])
            if in_transaction is not None:
                in_transaction(photo)
            queue_render(photo)
    except BaseException:
        storage.discard([key])  # a partial file included
        raise
    return photo


def queue_render(photo: Photo, force: bool = False) -> None:
    """Queue the render task once the current transaction commits. A broker that cannot take
    it fails nothing: the photo stays pending with no ``render_queued_at``, and the sweeper
    queues it once the broker is back."""
    from photos.tasks import render_photo

    def sent():
        Photo.objects.filter(pk=photo.pk).update(render_queued_at=timezone.now())

    queue.send_on_commit(render_photo, photo.pk, force, sent=sent)


def attach(photo: Photo, target) -> Photo:
    """Attach a (temporary) photo to ``target``; it renders the target's set if it differs."""
    target_type = targets.for_object(target)
    if target_type is None:
        raise errors.InvalidInput(f"A {target._meta.verbose_name} cannot hold photos.")
    with transaction.atomic():
        photo.target, photo.is_temporary = target, False
        photo.workspace = photo.workspace or target_type.workspace_of(target)
        set_changed = photo.spec_set != target_type.spec_set
        photo.spec_set = target_type.spec_set
        photo.target_notified_at = None  # a new target, to be told once the photo is ready
        photo.save(update_fields=["target_type", "target_id", "is_temporary", "workspace",
                                  "spec_set", "target_notified_at", "updated_at"])
        if set_changed:
            queue_render(photo)  # the render tells the target once the set is complete
        elif photo.status == Photo.Status.READY:
            _notify_ready(photo, target_type, target)
    return photo


def delete_photo(photo: Photo) -> None:
    """Delete the photo; its files leave storage once the deletion commits (and its row is
    locked before its renditions are deleted, see ``_lock_before_delete``).

    The lock is taken before Django collects the renditions to delete, too: a render that
    swapped its renditions in between would leave one the deletion never saw, and the commit
    would fail on its foreign key (a 500 of ``DELETE /photo/{id}`` racing the worker)."""
    with transaction.atomic(using=photo._state.db):
        _lock_before_delete(Photo, photo, using=photo._state.db)
        photo.delete()


def photos_of(target):
    """The photos of ``target`` the APIs know (not the ones a moderator took down: a target's
    owner can neither see nor replace nor delete those)."""
    return _all_photos_of(target).visible()


def _all_photos_of(target):
    target_type = targets.for_object(target)
    if target_type is None:
        return Photo.objects.none()
    from django.contrib.contenttypes.models import ContentType

    return Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    )


def shown_once(photos):
    """Of ``photos``, the ones that were ready at some point: the newest of a target's is the
    photo it shows, if it is ready now. So an older photo serves until a new one is ready,
    and a photo taken down (or being rendered again after a restore) leaves its target with no
    photo rather than bringing back the photo it replaced."""
    from django.db.models import Q

    return photos.filter(Q(status=Photo.Status.READY) | Q(processed_at__isnull=False))


def _newest_shown(photos):
    """A target's ``photos`` that were shown once, newest first: the first is the photo the
    target shows, if it is ready now. The rule of :func:`current_photo` and
    :func:`with_current_photo`, written once."""
    return shown_once(photos).order_by("-created_at", "-pk")


def current_photo(target) -> Photo | None:
    """The photo ``target`` shows (see :func:`shown_once`), or None, with its renditions.

    The photo and its renditions are read in ONE statement. In two (the photo, then its
    renditions), a photo replaced in between (its successor marked ready and it deleted, in one
    transaction: a record's ``photo_ready``) came back without renditions, and a download in the
    middle of a replacement answered "no photo"."""
    from django.db.models import Subquery

    newest = _newest_shown(_all_photos_of(target)).values("pk")[:1]
    renditions = list(Rendition.objects.select_related("photo").filter(
        photo_id=Subquery(newest), photo__status=Photo.Status.READY))
    if renditions:
        photo = renditions[0].photo
        cached = photo.renditions.all()
        cached._result_cache, cached._prefetch_done = renditions, True  # as prefetch_related
        photo._prefetched_objects_cache = {"renditions": cached}
        return photo
    # no rendition to read with it: no photo shown, or a ready one with none (nothing to race)
    newest = _newest_shown(_all_photos_of(target)).prefetch_related("renditions").first()
    return newest if newest is not None and newest.is_ready else None


def with_current_photo(queryset, spec: str | None = "icon"):
    """``queryset`` (of one target type) with each object's current photo in the same query,
    by :func:`current_photo`'s rule: ``current_photo_pk``, ``current_photo_public_id`` and,
    unless ``spec`` is None, the storage key of its ``spec`` rendition, ``current_photo_key``
    (each None when it shows no photo), so that a list of targets shows their photos in one
    query, not one per row."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast

    newest = _newest_shown(Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(queryset.model),
        target_id=Cast(OuterRef("pk"), CharField()))).values("pk")[:1]
    ready = Photo.objects.filter(pk=OuterRef("newest_shown_pk"), status=Photo.Status.READY)
    queryset = (queryset.annotate(newest_shown_pk=Subquery(newest))
                .annotate(current_photo_pk=Subquery(ready.values("pk")),
                          current_photo_public_id=Subquery(ready.values("public_id"))))
    if spec is None:
        return queryset
    key = (Rendition.objects.filter(photo_id=OuterRef("current_photo_pk"), spec=spec)
           .values("storage_key")[:1])
    return queryset.annotate(current_photo_key=Subquery(key))


# --- rendering (the Celery task's work) ---------------------------------------------------------
def stale_specs(photo: Photo, force: bool = False, rendered_before=None,
                only=None) -> list[imaging.Spec]:
    """The specs of the photo's set to render: missing ones, ones whose definition changed,
    and with ``force`` every one (only those rendered before ``rendered_before`` when given,
    so an interrupted forced run resumes where it stopped). ``only`` narrows to spec names."""
    existing = {r.spec: r for r in photo.renditions.all()}
    todo = []
    for spec in imaging.specs_for_set(photo.spec_set):
        if only and spec.name not in only:
            continue
        rendition = existing.get(spec.name)
        if rendition is None or rendition.spec_string != str(spec):
            todo.append(spec)  # missing or outdated
        elif force and (rendered_before is None or rendition.rendered_at < rendered_before):
            todo.append(spec)
    return todo


def _render_limits(photo: Photo) -> imaging.Limits:
    # what was accepted at upload (possibly under a caller's larger limits) renders again; an
    # animation's budget counts every frame, as the upload's check did
    limits = default_limits()
    return imaging.Limits(max_bytes=max(limits.max_bytes, photo.byte_size),
                          max_pixels=max(limits.max_pixels,
                                         photo.width * photo.height * photo.frames))


def render_photo(photo_id: int, force: bool = False, rendered_before=None,
                 only=None) -> Photo | None:
    """Make the renditions a photo lacks (all of them with ``force``), then mark it ready.

    Idempotent and safe to run twice: it renders only what is missing or stale, writes new
    files under new keys, swaps the rows in one transaction and deletes the replaced files
    after commit, so a ready photo always has its renditions. Image errors mark the photo
    failed with the reason; storage and database errors propagate for the task to retry, and
    whatever interrupts an attempt (an error, Ctrl-C, a killed process) leaves no file that
    the sweeper will not delete. After ``MAX_RENDER_ATTEMPTS`` starts without an outcome (a
    photo that kills its worker) the photo is failed rather than started again.
    """
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:
            return None
        if photo.status == Photo.Status.TAKEN_DOWN:  # until a moderator restores it
            return photo
        todo = stale_specs(photo, force, rendered_before, only)
        if not todo and photo.status == Photo.Status.READY:
            return photo
        given_up = photo.render_attempts >= MAX_RENDER_ATTEMPTS
        if not given_up:
            photo.render_attempts += 1
            if photo.status != Photo.Status.READY:
                photo.status = Photo.Status.PROCESSING
            photo.save(update_fields=["status", "render_attempts", "updated_at"])
    if given_up:
        return mark_failed(photo_id, f"Rendering was started {photo.render_attempts} times "
                                     "without finishing.")
    crop = None
    if photo.crop_size is not None:
        crop = imaging.Crop(photo.crop_x, photo.crop_y, photo.crop_size)
    try:
        with storage.open_to_render(photo.original) as fileobj:
            rendered = imaging.render(fileobj, todo, crop=crop, limits=_render_limits(photo))
    except errors.ImageError as exc:
        return mark_failed(photo_id, str(exc.message))
    except FileNotFoundError:  # permanent, unlike other storage errors: no retry
        return mark_failed(photo_id, "The original file is missing from storage.")

    keys = [storage.rendition_key(photo.public_id, image.spec, image.mime) for image in rendered]
    storage.stage(keys)
    try:
        for image, key in zip(rendered, keys):
            storage.save_bytes(key, image.data)
        return _swap_renditions(photo_id, todo, rendered, keys)
    except BaseException:
        storage.discard(keys)  # what was written, a half-written file included
        raise


def _swap_renditions(photo_id: int, todo, rendered, keys) -> Photo | None:
    specs = {spec.name: spec for spec in todo}
    with transaction.atomic():
        photo, target_type, target = _lock_with_target(photo_id)
        if photo is None or photo.status == Photo.Status.TAKEN_DOWN:  # while rendering
            storage.doom(keys)
            return photo
        storage.adopt(keys)
        replaced, new = [], []
        existing = {r.spec: r for r in photo.renditions.all()}
        for image, key in zip(rendered, keys):
            fields = dict(spec_string=str(specs[image.spec]), storage_key=key,
                          format=image.format, mime_type=image.mime, width=image.width,
                          height=image.height, byte_size=len(image.data),
                          rendered_at=timezone.now())
            old = existing.get(image.spec)
            if old is None:
                new.append(Rendition(photo=photo, spec=image.spec, **fields))
            else:
                replaced.append(old.storage_key)
                Rendition.objects.filter(pk=old.pk).update(**fields)
        Rendition.objects.bulk_create(new)  # a first render's renditions: one INSERT
        photo.status = Photo.Status.READY
        photo.failure_reason = ""
        photo.processed_at = timezone.now()
        photo.render_attempts = 0
        photo.save(update_fields=["status", "failure_reason", "processed_at",
                                  "render_attempts", "updated_at"])
        storage.doom(replaced)
        _notify_ready(photo, target_type, target)
    return photo


def _notify_ready(photo: Photo, target_type, target) -> None:
    """Tell the target's app, once, that ``photo`` is ready as its photo (the first render
    after an upload or an attachment; not a re-render)."""
    if target is None or target_type.photo_ready is None or photo.target_notified_at:
        return
    photo.target_notified_at = timezone.now()
    photo.save(update_fields=["target_notified_at"])
    target_type.photo_ready(photo, target)


def _lock_with_target(photo_id: int):
    """``(photo, target type, target)``, the photo's row locked; when the target's app wants to
    hear of its photos (``photo_ready``/``photo_failed``), the target's row is locked first
    (the order in which such an app locks them when it deletes its photos), so that the hook
    runs on a stable target. The photo is None when it is gone; the target type and target
    are None when there is no hook to run."""
    from photos.permissions import target_of

    photo = Photo.objects.select_related("target_type").filter(pk=photo_id).first()
    target_type, target = (None, None) if photo is None else target_of(photo)
    if target is not None and not _hears_of_photos(target_type):
        target_type, target = None, None
    if target is not None:
        target = (type(target)._default_manager.select_for_update()
                  .filter(pk=target.pk).first())
    locked = Photo.objects.select_for_update().filter(pk=photo_id).first()
    if locked is None or target is None or (locked.target_type_id, locked.target_id) != (
            photo.target_type_id, photo.target_id):
        return locked, None, None
    return locked, target_type, target


def _hears_of_photos(target_type) -> bool:
    """Whether the render locks this type's target before its photo (``_lock_with_target``):
    then every deletion of such a photo locks them in that order too (``_lock_before_delete``)."""
    return target_type is not None and (target_type.photo_ready is not None
                                        or target_type.photo_failed is not None)


def mark_failed(photo_id: int, reason: str) -> Photo | None:
    """Record that the photo cannot be rendered. A ready photo keeps its renditions (a failed
    re-render leaves what was shown, with the reason); any other becomes ``failed`` with the
    reason, and its target's app hears of it."""
    logger.warning("photo %s failed to render: %s", photo_id, reason)
    with transaction.atomic():
        photo, target_type, target = _lock_with_target(photo_id)
        if photo is None:
            return None
        if photo.status == Photo.Status.TAKEN_DOWN:  # not a render's to change
            return photo
        photo.failure_reason = reason[:2000]
        photo.render_attempts = 0
        newly_failed = photo.status != Photo.Status.READY
        if newly_failed:
            photo.status = Photo.Status.FAILED
        photo.save(update_fields=["status", "failure_reason", "render_attempts", "updated_at"])
        if newly_failed and target is not None and target_type.photo_failed is not None:
            target_type.photo_failed(photo, target)
    return Photo.objects.filter(pk=photo_id).first()


# --- the sweeper: every photo reaches ready or failed, no file is left behind ---------------------
MAX_RENDER_ATTEMPTS = 12  # the task's own retries (8) and a few interrupted attempts


def sweep(now=None) -> dict:
    """What the periodic sweeper does for photos (``photos.sweep``, every
    ``PHOTO_SWEEP_SECONDS``):

    - a pending photo whose render never reached the broker (it was down when the photo was
      saved) is queued;
    - a pending photo queued ``PHOTO_STUCK_AFTER_SECONDS`` ago and never started (the message
      was lost with the broker's memory) is queued again;
    - a photo processing for that long (its worker was killed, or lost its database) is made
      pending and queued again (``render_photo`` fails it after ``MAX_RENDER_ATTEMPTS``);
    - files of interrupted attempts and of deleted rows are deleted from storage.
    """
    from django.conf import settings
    from django.db.models import Q

    from photos.tasks import render_photo

    now = now or timezone.now()
    stuck_after = timedelta(seconds=settings.PHOTO_STUCK_AFTER_SECONDS)
    # a photo saved a moment ago is being queued by its own request right now
    grace = min(timedelta(seconds=10), stuck_after / 2)
    interrupted = Photo.objects.filter(status=Photo.Status.PROCESSING,
                                       updated_at__lt=now - stuck_after).update(
        status=Photo.Status.PENDING, render_queued_at=None, updated_at=now - grace)
    unsent = Photo.objects.filter(
        Q(render_queued_at__isnull=True, updated_at__lte=now - grace)
        | Q(render_queued_at__lt=now - stuck_after), status=Photo.Status.PENDING)
    queued = 0
    for photo_id in unsent.order_by("pk").values_list("pk", flat=True).iterator():
        if not queue.send(render_photo, photo_id, False):
            break  # the broker is still away: the next run tries again
        Photo.objects.filter(pk=photo_id).update(render_queued_at=timezone.now())
        queued += 1
    return {"interrupted": interrupted, "queued": queued, "files_deleted": storage.purge_due(now)}


# --- every deletion (this service, the admin's bulk delete, cascades) -----------------------------
@receiver(pre_delete, sender=Photo)
def _lock_before_delete(sender, instance, using, **kwargs):
    """Lock the photo's row before anything of it is deleted.

    ``render_photo`` locks the photo, then its renditions. Django deletes dependants first (the
    renditions, then the photo), which racing a render takes the two locks in the opposite order
    and deadlocks. Django sends ``pre_delete`` inside the deletion's transaction and before any
    row is deleted, so the deletion here waits for a running render instead, whichever way it
    was started: ``delete_photo``, ``QuerySet.delete()`` (the admin's bulk action) or the
    cascade from a deleted workspace or target.

    A render whose target wants to hear of its photos locks the target first, then the photo;
    so does this, or deleting the target (which takes its photos along, see
    ``targets._photos_go_with``) would lock the photo here and the target only when its row
    is deleted, the opposite order, and deadlock with that render."""
    _lock_target_of(instance, using)
    list(Photo.objects.using(using).select_for_update().filter(pk=instance.pk)
         .values_list("pk", flat=True))


def _lock_target_of(photo: Photo, using) -> None:
    if photo.target_type_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    # get_for_id is cached: a bulk deletion asks no more than once per type
    model = ContentType.objects.db_manager(using).get_for_id(photo.target_type_id).model_class()
    if model is None or not _hears_of_photos(targets.for_object(model)):
        return
    list(model._base_manager.using(using).select_for_update().filter(pk=photo.target_id)
         .values_list("pk", flat=True))


# files leave storage once their rows' deletion commits (or, should that fail, by the sweeper)
@receiver(post_delete, sender=Photo)
def _delete_original(sender, instance, **kwargs):
    storage.doom([instance.original])


@receiver(post_delete, sender=Rendition)
def _delete_rendition_file(sender, instance, **kwargs):
    storage.doom([instance.storage_key])
