"""Temporary photos that were never attached: deleted after ``TEMPORARY_PHOTO_MAX_AGE_SECONDS``.

A client of the generic API uploads a photo first (``tmp: true``) and attaches it to an object
afterwards; one that never does leaves the photo, its original and its renditions behind. The
periodic task ``photos.cleanup_temporary`` (``CELERY_BEAT_SCHEDULE``, every
``HOUSEKEEPING_SECONDS``) and the ``housekeeping`` command delete them through the same path as
``DELETE /photo/{id}``: the row, then its files once the deletion commits (``storage.doom``).
Photos a moderator took down are kept (the decision is on record), whatever their age.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from photos import services
from photos.models import Photo

logger = logging.getLogger("photodesk.housekeeping")


def unattached(older_than: timedelta, now=None):
    now = now or timezone.now()
    return Photo.objects.filter(is_temporary=True, target_type__isnull=True,
                                created_at__lt=now - older_than).exclude(
        status=Photo.Status.TAKEN_DOWN)


def cleanup_temporary(older_than: timedelta | None = None, now=None, limit: int = 1000) -> dict:
    """Delete up to ``limit`` temporary photos older than ``older_than`` (by default
    ``TEMPORARY_PHOTO_MAX_AGE_SECONDS``); each in its own transaction, its row locked and
    checked again first, so a photo attached meanwhile is kept."""
    from django.conf import settings

    if older_than is None:
        older_than = timedelta(seconds=settings.TEMPORARY_PHOTO_MAX_AGE_SECONDS)
    stale = unattached(older_than, now)
    deleted = 0
    for pk in list(stale.order_by("pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            photo = stale.select_for_update().filter(pk=pk).first()
            if photo is None:  # attached (or deleted) meanwhile
                continue
            services.delete_photo(photo)
        deleted += 1
    if deleted:
        logger.info("deleted %d temporary photo(s) never attached", deleted)
    return {"temporary_deleted": deleted}
