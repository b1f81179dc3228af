"""The operations other code calls on photos: create, attach, render, delete, find.

Validation of the bytes happens here while the request is open (type, size, pixels, crop);
the renditions are made afterwards by the Celery task, queued once the transaction commits.
"""

from __future__ import annotations

import io
import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from photos import errors, imaging, storage, targets
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
                 formats=None) -> Photo:
    """Validate ``upload`` now, store it, and queue its renditions after commit.

    ``principal`` fills owner, workspace and application unless they are given. A photo with
    no ``target`` is temporary until :func:`attach`. Raises the imaging errors
    (``UnsupportedFormat``, ``FileTooLarge``, ``TooManyPixels``, ``CorruptImage``,
    ``CropOutOfBounds``) before anything is stored. ``formats`` narrows the accepted MIME
    types for an API whose list is shorter than the engine's (Zoho has no WebP).
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
            mime=info.mime, accepted=tuple(formats))
    if crop is not None:
        imaging.check_crop(info, crop)
    target_type = targets.for_object(target) if target is not None else None
    if target is not None and target_type is None:
        raise errors.InvalidInput(f"A {target._meta.verbose_name} cannot hold photos.")
    photo = Photo(
        name=name[:255], mime_type=info.mime, width=info.width, height=info.height,
        frames=info.frames,
        spec_set=spec_set or (target_type.spec_set if target_type else "generic"),
        owner=owner, workspace=workspace, application=application,
    )
    if crop is not None:
        photo.crop_x, photo.crop_y, photo.crop_size = crop.x, crop.y, crop.size
    if target is not None:
        photo.target, photo.is_temporary = target, False
        photo.workspace = photo.workspace or target_type.workspace_of(target)
    key, size, digest = storage.save_stream(storage.original_key(photo.public_id, info.mime),
                                            fileobj)
    photo.original, photo.byte_size, photo.sha256 = key, size, digest
    try:
        with transaction.atomic():
            photo.save()
            queue_render(photo)
    except BaseException:
        storage.delete_keys([key])
        raise
    return photo


def queue_render(photo: Photo, force: bool = False) -> None:
    """Queue the render task once the current transaction commits."""
    from photos.tasks import render_photo

    transaction.on_commit(partial(render_photo.delay, photo.pk, force))


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
        photo.save()
        if set_changed:
            queue_render(photo)
    return photo


def delete_photo(photo: Photo) -> None:
    """Delete the photo; its files leave storage once the deletion commits (and its row is
    locked before its renditions are deleted, see ``_lock_before_delete``)."""
    photo.delete()


def photos_of(target):
    target_type = targets.for_object(target)
    if target_type is None:
        return Photo.objects.none()
    from django.contrib.contenttypes.models import ContentType

    return Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    )


def current_photo(target) -> Photo | None:
    """The newest ready photo attached to ``target`` (an older one serves until a new one is
    ready)."""
    return (photos_of(target).filter(status=Photo.Status.READY)
            .prefetch_related("renditions").order_by("-created_at", "-pk").first())


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
        if rendition is None or rendition.spec_string != spec_string(spec):
            todo.append(spec)  # missing or outdated
        elif force and (rendered_before is None or rendition.rendered_at < rendered_before):
            todo.append(spec)
    return todo


def spec_string(spec: imaging.Spec) -> str:
    return str(spec)


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
    after commit, so a ready photo always has its renditions. Storage errors propagate (the
    task retries them); image errors mark the photo failed with the reason.
    """
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:
            return None
        todo = stale_specs(photo, force, rendered_before, only)
        if not todo and photo.status == Photo.Status.READY:
            return photo
        was_ready = photo.status == Photo.Status.READY
        if not was_ready:
            photo.status = Photo.Status.PROCESSING
            photo.save(update_fields=["status", "updated_at"])
    crop = None
    if photo.crop_size is not None:
        crop = imaging.Crop(photo.crop_x, photo.crop_y, photo.crop_size)
    try:
        with storage.open_key(photo.original) as fileobj:
            rendered = imaging.render(fileobj, todo, crop=crop, limits=_render_limits(photo))
    except errors.ImageError as exc:
        _mark_failed(photo_id, str(exc.message), keep_ready=was_ready)
        return Photo.objects.filter(pk=photo_id).first()
    except FileNotFoundError:  # permanent, unlike other storage errors: no retry
        _mark_failed(photo_id, "The original file is missing from storage.",
                     keep_ready=was_ready)
        return Photo.objects.filter(pk=photo_id).first()

    written = []
    try:
        for image in rendered:
            key = storage.save_bytes(
                storage.rendition_key(photo.public_id, image.spec, image.mime), image.data)
            written.append((image, key))
    except BaseException:
        storage.delete_keys(key for _, key in written)
        raise

    specs = {spec.name: spec for spec in todo}
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:  # deleted while rendering
            transaction.on_commit(partial(storage.delete_keys, [k for _, k in written]))
            return None
        replaced = []
        existing = {r.spec: r for r in photo.renditions.all()}
        for image, key in written:
            fields = dict(spec_string=spec_string(specs[image.spec]), storage_key=key,
                          format=image.format, mime_type=image.mime, width=image.width,
                          height=image.height, byte_size=len(image.data),
                          rendered_at=timezone.now())
            old = existing.get(image.spec)
            if old is None:
                Rendition.objects.create(photo=photo, spec=image.spec, **fields)
            else:
                replaced.append(old.storage_key)
                Rendition.objects.filter(pk=old.pk).update(**fields)
        photo.status = Photo.Status.READY
        photo.failure_reason = ""
        photo.processed_at = timezone.now()
        photo.save(update_fields=["status", "failure_reason", "processed_at", "updated_at"])
        transaction.on_commit(partial(storage.delete_keys, replaced))
    return photo


def _mark_failed(photo_id: int, reason: str, keep_ready: bool) -> None:
    logger.warning("photo %s failed to render: %s", photo_id, reason)
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:
            return
        photo.failure_reason = reason[:2000]
        if not keep_ready:
            photo.status = Photo.Status.FAILED
        photo.save(update_fields=["status", "failure_reason", "updated_at"])


# --- every deletion (this service, the admin's bulk delete, cascades) -----------------------------
@receiver(pre_delete, sender=Photo)
def _lock_before_delete(sender, instance, using, **kwargs):
    """Lock the photo's row before anything of it is deleted.

    ``render_photo`` locks the photo, then its renditions. Django deletes dependants first (the
    renditions, then the photo), which racing a render takes the two locks in the opposite order
    and deadlocks. Django sends ``pre_delete`` inside the deletion's transaction and before any
    row is deleted, so the deletion here waits for a running render instead, whichever way it
    was started: ``delete_photo``, ``QuerySet.delete()`` (the admin's bulk action) or the
    cascade from a deleted workspace."""
    list(Photo.objects.using(using).select_for_update().filter(pk=instance.pk)
         .values_list("pk", flat=True))


# files leave storage once their rows' deletion commits
@receiver(post_delete, sender=Photo)
def _delete_original(sender, instance, **kwargs):
    transaction.on_commit(partial(storage.delete_keys, [instance.original]))


@receiver(post_delete, sender=Rendition)
def _delete_rendition_file(sender, instance, **kwargs):
    transaction.on_commit(partial(storage.delete_keys, [instance.storage_key]))
