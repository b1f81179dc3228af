"""Webhook deliveries whose attempts ran out: retried, with a new round of attempts, from the
admin's action or the ``retry_webhooks`` command, and delivered by the real worker."""

import pytest
from django.core.management import CommandError, call_command

from records.models import WebhookDelivery, WorkflowRule
from tests.support.waiting import wait_until

CHANGELIST = "/admin/records/webhookdelivery/"


def delivery(org, url, status, n):
    rule = WorkflowRule.objects.create(module=org.module("Leads"), name=f"notify {n}",
                                       webhook_url=url)
    return WebhookDelivery.objects.create(
        rule=rule, dedupe_key=f"{rule.pk}:{n}", event="photo.uploaded", status=status,
        attempts=8 if status == "failed" else 1, last_status_code=500,
        last_error="the receiver answered 500",
        payload={"event": "photo.uploaded", "record": {"id": str(n)}})


def delivered(row) -> bool:
    row.refresh_from_db()
    return row.status == "delivered"


@pytest.mark.django_db(transaction=True)
def test_the_admin_retries_failed_deliveries_and_the_worker_delivers_them(
        admin_client, org, make_receiver, celery_worker):
    receiver = make_receiver()
    failed = delivery(org, receiver.url, "failed", 1)
    done = delivery(org, receiver.url, "delivered", 2)

    response = admin_client.post(CHANGELIST, {"action": "retry", "index": 0,
                                              "_selected_action": [failed.pk, done.pk]},
                                 follow=True)
    assert response.status_code == 200
    assert "Queued 1 failed delivery(ies) again; 1 not failed, left as they are." in \
        response.content.decode()

    wait_until(lambda: delivered(failed), 20, "the retried delivery delivered")
    assert failed.attempts == 1 and failed.last_status_code == 200
    assert len(receiver.requests) == 1  # the delivered one was not sent again
    assert receiver.requests[0]["headers"]["X-Photodesk-Delivery"] == str(failed.pk)


@pytest.mark.django_db(transaction=True)
def test_the_command_retries_every_failed_delivery(org, make_receiver, celery_worker, capsys):
    receiver = make_receiver()
    failed = [delivery(org, receiver.url, "failed", n) for n in range(2)]

    with pytest.raises(CommandError, match="--all"):
        call_command("retry_webhooks")
    call_command("retry_webhooks", "--all")

    assert "queued 2 failed delivery(ies) again" in capsys.readouterr().out
    wait_until(lambda: all(delivered(row) for row in failed), 20, "both delivered")
    assert len(receiver.requests) == 2
