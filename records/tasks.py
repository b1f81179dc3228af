"""Thin Celery tasks over records.services and records.webhooks: IDs in, JSON out."""

from celery import shared_task

from records import services, webhooks

# A retry waits in the queue with its countdown only when it is short: a message held past the
# broker's visibility timeout would be delivered twice. A longer wait is the sweeper's, which
# queues the delivery once its time (recorded in the row) has come.
MAX_COUNTDOWN = 300.0


@shared_task(name="records.deliver_webhook", bind=True, acks_late=True,
             reject_on_worker_lost=True, ignore_result=True, max_retries=None)
def deliver_webhook(self, delivery_id: int):
    outcome = webhooks.attempt(delivery_id)
    if outcome == webhooks.RETRY:
        wait = webhooks.seconds_until_due(delivery_id)
        if wait is not None and wait <= MAX_COUNTDOWN:
            raise self.retry(countdown=wait)
    return {"delivery": delivery_id, "outcome": outcome}


@shared_task(name="records.sweep_webhooks", ignore_result=True)
def sweep_webhooks():
    """Periodic (``CELERY_BEAT_SCHEDULE``): see ``services.sweep_webhooks``."""
    return services.sweep_webhooks()
