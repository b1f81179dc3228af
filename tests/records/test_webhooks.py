"""Webhook calls in this process: signature, the outbound guard (photos.outbound, whose own
cases are in tests/photos/graph/test_outbound.py) as seen from a delivery, no redirects,
retries counted in the delivery row. The end-to-end runs through the worker are in
test_photo_worker.py."""

import json
import socket

import pytest
from django.test import override_settings

from photos import errors, outbound
from records import webhooks
from records.models import WebhookDelivery, WorkflowRule
from tests.support.http_server import verify

pytestmark = pytest.mark.django_db


def make_delivery(org, url, event="photo.uploaded"):
    rule = WorkflowRule.objects.create(module=org.module("Leads"), name="notify",
                                       webhook_url=url)
    return WebhookDelivery.objects.create(rule=rule, dedupe_key=f"{rule.pk}:x", event=event,
                                          payload={"event": event, "record": {"id": "1"}})


def test_a_delivery_is_a_signed_json_post(org, make_receiver, settings):
    receiver = make_receiver()
    delivery = make_delivery(org, receiver.url)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    (request,) = receiver.requests
    assert request["headers"]["Content-Type"] == "application/json"
    assert verify(request, settings.WEBHOOK_SIGNING_SECRET)
    assert not verify(request, "another secret")
    body = json.loads(request["body"])
    assert body["event"] == "photo.uploaded" and body["delivery_id"] == str(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        "delivered", 1, 200)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE  # a second run sends nothing
    assert len(receiver.requests) == 1


def test_a_tampered_body_fails_verification(org, make_receiver, settings):
    receiver = make_receiver()
    webhooks.attempt(make_delivery(org, receiver.url).pk)
    request = dict(receiver.requests[0], body=receiver.requests[0]["body"].replace(b"1", b"2"))
    assert not verify(request, settings.WEBHOOK_SIGNING_SECRET)


def test_a_failed_call_asks_for_a_retry_until_the_attempts_run_out(org, make_receiver,
                                                                    monkeypatch):
    receiver = make_receiver(statuses=(500,))
    delivery = make_delivery(org, receiver.url)
    monkeypatch.setattr(webhooks, "MAX_ATTEMPTS", 3)
    assert [webhooks.attempt(delivery.pk) for _ in range(4)] == [
        webhooks.RETRY, webhooks.RETRY, webhooks.DONE, webhooks.DONE]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 3, 500)
    assert len(receiver.requests) == 3


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_unless_the_host_is_allowed(org, make_receiver, host):
    receiver = make_receiver()
    url = receiver.url.replace("127.0.0.1", host)
    delivery = make_delivery(org, url)
    with override_settings(OUTBOUND_ALLOWED_HOSTS=[]):
        assert webhooks.attempt(delivery.pk) == webhooks.DONE  # refused for good: no retry
    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 1
    assert delivery.last_error.startswith("refused") and "loopback" in delivery.last_error
    assert delivery.last_status_code is None
    port = receiver.server.server_address[1]
    with override_settings(OUTBOUND_ALLOWED_HOSTS=[f"{host}:{port}"]):  # the allowed one is called
        allowed = make_delivery(org, url, event="photo.deleted")
        assert webhooks.attempt(allowed.pk) == webhooks.DONE
    assert len(receiver.requests) == 1
    allowed.refresh_from_db()
    assert allowed.status == "delivered"


@pytest.mark.parametrize(("url", "why"), [
    ("ftp://127.0.0.1/hook", "http and https"),
    ("http://127.0.0.1:99999/hook", "malformed"),  # a port no socket can have
    ("http://user:secret@127.0.0.1/hook", "credentials"),
])
def test_a_url_the_guard_will_never_call_fails_the_delivery_for_good(org, url, why):
    delivery = make_delivery(org, url)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.last_error.startswith("refused") and why in delivery.last_error


def test_a_name_on_a_scoped_link_local_address_is_refused(org, fake_dns, settings):
    # the resolver's answer carries an IPv6 zone index; it is judged without it
    settings.OUTBOUND_ALLOWED_HOSTS = []
    fake_dns({"hooks.example": ["fe80::1%eth0"]})
    delivery = make_delivery(org, "http://hooks.example/hook")
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "link-local" in delivery.last_error


def test_a_metadata_address_is_refused_even_for_an_allowed_host(org, fake_dns, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["hooks.example"]
    fake_dns({"hooks.example": ["127.0.0.1", "169.254.169.254"]})
    delivery = make_delivery(org, "http://hooks.example/hook")
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "metadata" in delivery.last_error


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111",
                                     "2001:4860:4860::8888"])
def test_public_addresses_pass_the_guard_without_any_request(fake_dns, settings, address):
    # the IPv6 checks for hidden IPv4 addresses must not refuse ordinary public IPv6 ones
    settings.OUTBOUND_ALLOWED_HOSTS = []
    fake_dns({"hooks.example": [address]})
    destination = outbound.check_url("https://hooks.example/hook")
    assert destination.addresses == (address,) and destination.port == 443
    assert outbound.forbidden_reason(address) is None


def test_a_redirect_is_not_followed(org, make_receiver):
    target = make_receiver()
    redirector = make_receiver(statuses=(302,), headers={"Location": target.url})
    delivery = make_delivery(org, redirector.url)
    assert webhooks.attempt(delivery.pk) == webhooks.RETRY
    assert len(redirector.requests) == 1 and target.requests == []
    delivery.refresh_from_db()
    assert delivery.last_status_code == 302 and delivery.status == "pending"
    assert delivery.last_error == "the receiver answered 302"


def test_the_connection_goes_to_the_checked_address(org, make_receiver, fake_dns, settings):
    """DNS rebinding: the name answers the checked address once, another one afterwards; the
    request still reaches the checked one, with the name in the Host header."""
    checked = make_receiver()  # on 127.0.0.1
    port = checked.server.server_address[1]
    # the rebound address listens on the same port: only a second lookup could lead there
    rebound = socket.socket()
    rebound.bind(("127.0.0.2", port))
    rebound.listen()
    rebound.setblocking(False)
    try:
        settings.OUTBOUND_ALLOWED_HOSTS = [f"hooks.example:{port}"]
        asked = fake_dns({"hooks.example": lambda n: ["127.0.0.1"] if n == 1 else ["127.0.0.2"]})
        delivery = make_delivery(org, f"http://hooks.example:{port}/hook")
        assert webhooks.attempt(delivery.pk) == webhooks.DONE
        assert asked == ["hooks.example"]  # resolved once, by the guard
        with pytest.raises(BlockingIOError):  # nobody connected to the rebound address
            rebound.accept()
    finally:
        rebound.close()
    assert len(checked.requests) == 1
    assert checked.requests[0]["headers"]["Host"] == f"hooks.example:{port}"
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_a_name_that_does_not_resolve_is_retried(org, fake_dns):
    fake_dns({"gone.example": None})
    delivery = make_delivery(org, "http://gone.example/hook")
    assert webhooks.attempt(delivery.pk) == webhooks.RETRY
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert "cannot be resolved" in delivery.last_error


def test_an_unreachable_receiver_is_retried(org, make_receiver):
    receiver = make_receiver()
    url = receiver.url
    receiver.close()  # nothing listens on that port any more: the connection is refused
    delivery = make_delivery(org, url)
    assert webhooks.attempt(delivery.pk) == webhooks.RETRY
    delivery.refresh_from_db()
    assert delivery.status == "pending" and "cannot be reached" in delivery.last_error


def test_a_receiver_that_does_not_answer_in_time_is_retried(org, monkeypatch):
    # a socket that accepts connections (the kernel does) but never answers
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    monkeypatch.setattr(webhooks, "TIMEOUT", outbound.Timeouts(connect=1, read=0.2, total=2))
    try:
        delivery = make_delivery(org, f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
        assert webhooks.attempt(delivery.pk) == webhooks.RETRY
    finally:
        silent.close()
    delivery.refresh_from_db()
    assert delivery.status == "pending" and "too long" in delivery.last_error


def test_a_2xx_answer_past_the_reply_limit_is_delivered_once(org, make_receiver, monkeypatch):
    # the receiver took the call; retrying because its body is long would deliver it twice
    receiver = make_receiver()  # answers 200 with a two-byte body
    monkeypatch.setattr(webhooks, "REPLY_LIMIT", 1)
    delivery = make_delivery(org, receiver.url)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.last_status_code == 200
    assert delivery.last_error == ""


def test_post_sends_the_bytes_as_given(make_receiver):
    # what the signature covers is exactly what arrives: no re-encoding on the way
    receiver = make_receiver()
    data = '{"b":1, "a":"\u00e9"}\n'.encode()
    reply = outbound.post(receiver.url, data, {"content-type": "application/json",
                                               "user-agent": "Test/1", "Content-Length": "1"})
    assert (reply.status, reply.content) == (200, b"ok")
    (request,) = receiver.requests
    assert request["body"] == data
    headers = [(name.lower(), value) for name, value in request["headers"].items()]
    assert ("content-type", "application/json") in headers
    # the caller's agent replaces the default instead of doubling it; the length is the body's
    assert [value for name, value in headers if name == "user-agent"] == ["Test/1"]
    assert [value for name, value in headers if name == "content-length"] == [str(len(data))]


def test_post_refuses_anything_but_bytes(make_receiver):
    receiver = make_receiver()
    with pytest.raises(TypeError):
        outbound.post(receiver.url, {"a": 1})
    assert receiver.requests == []


def test_post_is_guarded(make_receiver, settings):
    receiver = make_receiver()
    settings.OUTBOUND_ALLOWED_HOSTS = []
    with pytest.raises(errors.OutboundRefused, match="loopback"):
        outbound.post(receiver.url, b"{}")
    assert receiver.requests == []


def test_backoff_grows_from_the_configured_base(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 2
    delays = [webhooks.backoff(n) for n in (1, 2, 3)]
    assert 2 <= delays[0] <= 2.2 and 4 <= delays[1] <= 4.4 and 8 <= delays[2] <= 8.8
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10**6
    assert webhooks.backoff(5) <= webhooks.MAX_BACKOFF * 1.1


# --- no transaction across the call; leases; what the sweeper re-sends ---------------------------
@pytest.mark.django_db(transaction=True)
def test_no_transaction_or_lock_is_held_while_the_receiver_answers(org, make_receiver):
    """A slow receiver must not hold the database: in the embedded mode (SQLite) an open
    transaction is the whole database's write lock, and every upload meanwhile would wait on
    it and fail with "database is locked"."""
    from django.db import connections

    def look_at_the_database():
        # runs in the receiver's thread, with its own connection, while the call is waiting
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                               "current_database() AND state LIKE 'idle in transaction%%'")
                open_transactions = cursor.fetchone()[0]
                cursor.execute("SELECT id FROM records_webhookdelivery FOR UPDATE NOWAIT")
                return open_transactions
        finally:
            connections["default"].close()

    receiver = make_receiver(during=look_at_the_database)
    delivery = make_delivery(org, receiver.url)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    assert receiver.seen == [0]  # no open transaction, and the row could be locked


def test_a_second_attempt_during_a_call_sends_nothing(org, make_receiver):
    """Two copies of the task (a redelivery, the sweeper): the second finds the delivery leased."""
    second = []
    receiver = make_receiver(during=lambda: second.append(webhooks.attempt(delivery.pk)))
    delivery = make_delivery(org, receiver.url)
    assert webhooks.attempt(delivery.pk) == webhooks.DONE
    assert second == [webhooks.DONE] and len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_an_attempt_cut_short_is_made_again_once_its_lease_runs_out(org, make_receiver,
                                                                    monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from records import services, tasks

    receiver = make_receiver()
    delivery = make_delivery(org, receiver.url)
    # what a worker killed mid-call leaves: the attempt counted, the lease taken, no outcome
    leased_until = timezone.now() + webhooks.LEASE
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=1,
                                                          next_attempt_at=leased_until)
    sent = []
    monkeypatch.setattr(services.queue, "send", lambda task, *args: sent.append(args) or True)
    assert services.sweep_webhooks()["queued"] == 0  # the attempt may still be running
    assert webhooks.attempt(delivery.pk) == webhooks.DONE and receiver.requests == []
    later = leased_until + timedelta(seconds=11)
    assert services.sweep_webhooks(now=later)["queued"] == 1
    assert sent == [(delivery.pk,)]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    tasks.deliver_webhook.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == ("delivered", 2, 1)


def test_a_long_wait_before_a_retry_is_left_to_the_sweeper(org, make_receiver, monkeypatch,
                                                           settings):
    """A countdown longer than the broker's visibility timeout would be delivered twice: the
    task leaves such a retry to the sweeper, which queues it once it is due."""
    from datetime import timedelta

    from django.utils import timezone

    from records import services, tasks

    settings.WEBHOOK_RETRY_BASE_SECONDS = 10 * tasks.MAX_COUNTDOWN
    receiver = make_receiver(statuses=(500, 200))
    delivery = make_delivery(org, receiver.url)
    result = tasks.deliver_webhook.apply(args=[delivery.pk])
    assert result.successful() and result.result["outcome"] == webhooks.RETRY  # no retry raised
    delivery.refresh_from_db()
    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert wait > tasks.MAX_COUNTDOWN
    sent = []
    monkeypatch.setattr(services.queue, "send", lambda task, *args: sent.append(args) or True)
    assert services.sweep_webhooks()["queued"] == 0
    assert services.sweep_webhooks(
        now=delivery.next_attempt_at + timedelta(seconds=11))["queued"] == 1
