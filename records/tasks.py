"""Thin Celery tasks over records.services and records.webhooks: IDs in, JSON out."""

from celery import shared_task

from records import services, webhooks


@shared_task(name="records.finish_photo_change", bind=True, acks_late=True,
             reject_on_worker_lost=True, max_retries=60)
def finish_photo_change(self, record_pk: int, photo_pk: int, run_workflows: bool = True):
    outcome = services.finish_photo_change(record_pk, photo_pk, run_workflows)
    if outcome == "waiting":  # the render is queued ahead of this task, or still running
        raise self.retry(countdown=min(2 ** self.request.retries * 0.5, 60))
    return {"record": record_pk, "photo": photo_pk, "outcome": outcome}


@shared_task(name="records.deliver_webhook", bind=True, acks_late=True,
             reject_on_worker_lost=True, max_retries=webhooks.MAX_ATTEMPTS)
def deliver_webhook(self, delivery_id: int):
    outcome = webhooks.attempt(delivery_id)
    if outcome == webhooks.RETRY:
        # attempts are counted in the row: the backoff grows with them, not with redeliveries
        from records.models import WebhookDelivery

        attempts = (WebhookDelivery.objects.filter(pk=delivery_id)
                    .values_list("attempts", flat=True).first() or 1)
        raise self.retry(countdown=webhooks.backoff(attempts))
    return {"delivery": delivery_id, "outcome": outcome}
