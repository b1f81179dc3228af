"""What moderators do to photos: take down, restore, re-render. Every path (the admin's
actions, and any other tool) goes through these functions, so a take-down means the same thing
everywhere.

A taken-down photo is a state of its own (``Photo.Status.TAKEN_DOWN``), not a failure: it
records who took it down, when and why; its renditions are deleted (rows now, files once the
transaction commits), so no URL serves it, at the origin or in a bucket; its original stays
in storage, unserved, until a moderator deletes the photo or restores it. Every API shows
only ``Photo.objects.visible()``, and the render path skips it (``services.render_photo``).

Each function walks the photos it is given in chunks of primary keys, one transaction per
chunk, so a bulk action over thousands of photos never holds them all in memory or in one
long transaction. Writing the audit trail is the caller's job (the admin writes ``LogEntry``
rows for the pks these return).
"""

from django.db import transaction
from django.utils import timezone

from photos import services
from photos.models import Photo, Rendition

CHUNK = 500


def _chunks(photos):
    """Lists of the queryset's pks, ascending, ``CHUNK`` at a time, read afresh for each
    chunk (the rows the previous chunk changed may no longer match the queryset)."""
    last = 0
    while True:
        pks = list(photos.filter(pk__gt=last).order_by("pk")
                   .values_list("pk", flat=True)[:CHUNK])
        if not pks:
            return
        yield pks
        last = pks[-1]


def take_down(photos, *, moderator, reason: str) -> list[int]:
    """Take down the photos of the queryset ``photos`` that are not down already; returns the
    pks taken down."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A take-down needs a reason.")
    done = []
    for pks in _chunks(photos):
        with transaction.atomic():
            # locked as a render and a deletion lock them: the photo row first
            locked = list(Photo.objects.select_for_update().filter(pk__in=pks).order_by("pk")
                          .exclude(status=Photo.Status.TAKEN_DOWN)
                          .values_list("pk", flat=True))
            if not locked:
                continue
            Photo.objects.filter(pk__in=locked).update(
                status=Photo.Status.TAKEN_DOWN, taken_down_at=timezone.now(),
                taken_down_by=moderator, takedown_reason=reason[:2000], render_attempts=0,
                render_queued_at=None, updated_at=timezone.now())
            # their files leave storage after commit (Rendition's post_delete receiver)
            Rendition.objects.filter(photo_id__in=locked).delete()
        done += locked
    return done


def restore(photos, *, moderator) -> list[int]:
    """Bring back the taken-down photos of the queryset ``photos``: they are rendered again
    from their original and shown once ready. Returns the pks restored."""
    done = []
    for pks in _chunks(photos.filter(status=Photo.Status.TAKEN_DOWN)):
        with transaction.atomic():
            locked = list(Photo.objects.select_for_update().filter(
                pk__in=pks, status=Photo.Status.TAKEN_DOWN).order_by("pk"))
            for photo in locked:
                Photo.objects.filter(pk=photo.pk).update(
                    status=Photo.Status.PENDING, taken_down_at=None, taken_down_by=None,
                    takedown_reason="", failure_reason="", render_attempts=0,
                    render_queued_at=None, updated_at=timezone.now())
                services.queue_render(photo)
        done += [photo.pk for photo in locked]
    return done


def rerender(photos) -> list[int]:
    """Queue a forced re-render of each photo of the queryset ``photos`` that is not taken
    down. Returns the pks queued."""
    done = []
    for pks in _chunks(photos.visible()):
        with transaction.atomic():
            for photo in Photo.objects.visible().filter(pk__in=pks).order_by("pk"):
                services.queue_render(photo, force=True)
                done.append(photo.pk)
    return done
