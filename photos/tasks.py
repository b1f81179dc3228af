"""Thin Celery tasks over photos.services: IDs in, JSON out."""

from datetime import datetime

from celery import shared_task

from photos import services

try:  # S3 through django-storages: connection errors are worth retrying too
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - boto3 is in requirements.txt
    STORAGE_ERRORS = (OSError,)


@shared_task(
    name="photos.render_photo",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=STORAGE_ERRORS,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def render_photo(photo_id: int, force: bool = False, rendered_before: str | None = None,
                 only: list[str] | None = None):
    cutoff = datetime.fromisoformat(rendered_before) if rendered_before else None
    photo = services.render_photo(photo_id, force=force, rendered_before=cutoff, only=only)
    return None if photo is None else {"photo": photo.public_id, "status": photo.status}
