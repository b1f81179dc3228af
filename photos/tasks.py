"""Thin Celery tasks over photos.services: IDs in, JSON out."""

from datetime import datetime

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError

from photos import errors, queue, services, storage

# What a later attempt can get past: storage that failed or was full, and a database connection
# that was lost or refused (PostgreSQL restarted, a dropped connection, a deadlock). A query
# that is wrong (IntegrityError, ProgrammingError) is not retried: it would fail the same way.
TRANSIENT_ERRORS = (*storage.STORAGE_ERRORS, errors.Unavailable, OperationalError,
                    InterfaceError)
MAX_RETRIES = 8
MAX_BACKOFF = 300.0


def backoff(retries: int) -> float:
    """Seconds before the next attempt: ``PHOTO_RETRY_BASE_SECONDS``, doubling, capped, with
    jitter."""
    return queue.backoff(settings.PHOTO_RETRY_BASE_SECONDS, retries, MAX_BACKOFF,
                         jitter=(0.5, 1.0))


@shared_task(
    name="photos.render_photo",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=MAX_RETRIES,
    time_limit=settings.PHOTO_RENDER_TIME_LIMIT,
    soft_time_limit=max(1, settings.PHOTO_RENDER_TIME_LIMIT * 9 // 10),
)
def render_photo(self, photo_id: int, force: bool = False, rendered_before: str | None = None,
                 only: list[str] | None = None):
    cutoff = datetime.fromisoformat(rendered_before) if rendered_before else None
    try:
        photo = services.render_photo(photo_id, force=force, rendered_before=cutoff, only=only)
    except SoftTimeLimitExceeded:
        services.mark_failed(photo_id, "Rendering took longer than "
                                       f"{settings.PHOTO_RENDER_TIME_LIMIT} seconds.")
        return {"photo": photo_id, "status": "failed"}
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            # what still fails after the retries is told, not left pending: if the database
            # is what fails, this raises too, and the sweeper finishes the job later
            services.mark_failed(photo_id, f"Rendering kept failing ({describe(exc)}); it was "
                                           f"tried {self.request.retries + 1} times.")
            return {"photo": photo_id, "status": "failed"}
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    return None if photo is None else {"photo": photo.public_id, "status": photo.status}


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in storage.FULL:
        return "storage is full"
    if isinstance(exc, errors.DomainError):
        return exc.message.rstrip(".")
    if isinstance(exc, DatabaseError):
        return "the database was unavailable"
    return "storage was unavailable"


@shared_task(name="photos.sweep", ignore_result=True)
def sweep():
    """Periodic (``CELERY_BEAT_SCHEDULE``): see ``services.sweep``."""
    return services.sweep()


@shared_task(name="photos.cleanup_temporary", ignore_result=True)
def cleanup_temporary():
    """Periodic (``CELERY_BEAT_SCHEDULE``): see ``housekeeping.cleanup_temporary``."""
    from photos import housekeeping

    return housekeeping.cleanup_temporary()
