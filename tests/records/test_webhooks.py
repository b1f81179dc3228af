"""Webhook calls in this process: signature, the private-address guard, no redirects,
retries counted in the delivery row. The end-to-end runs through the worker are in
test_photo_worker.py."""

import hashlib
import hmac
import json
import time

import pytest
from django.test import override_settings

from records import webhooks
from records.models import WebhookDelivery, WorkflowRule

pytestmark = pytest.mark.django_db


def make_delivery(org, url, event="photo.uploaded"):
    rule = WorkflowRule.objects.create(module=org.module("Leads"), name="notify",
                                       webhook_url=url)
    return WebhookDelivery.objects.create(rule=rule, dedupe_key=f"{rule.pk}:x", event=event,
                                          payload={"event": event, "record": {"id": "1"}})


def verify(request, secret):
    """What a receiver does: recompute the HMAC over "<t>.<body>" and compare."""
    fields = dict(part.split("=", 1) for part in request["headers"]["X-Photodesk-Signature"]
                  .split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + request["body"],
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 60


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
    assert delivery.status == "failed" and delivery.last_error.startswith("refused")


def test_a_redirect_is_not_followed(org, make_receiver):
    target = make_receiver()
    redirector = make_receiver(statuses=(302,), headers={"Location": target.url})
    delivery = make_delivery(org, redirector.url)
    assert webhooks.attempt(delivery.pk) == webhooks.RETRY
    assert len(redirector.requests) == 1 and target.requests == []
    delivery.refresh_from_db()
    assert delivery.last_status_code == 302 and delivery.status == "pending"


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "::1",  # noqa: S104 - an address to judge, not to bind "fe80::1%eth0", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "2002:7f00:1::", "224.0.0.1", "255.255.255.255",
])
def test_private_and_special_addresses_are_not_public(address):
    assert not webhooks.is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert webhooks.is_public(address)


def test_every_resolved_address_must_be_public(monkeypatch):
    answers = [(2, 1, 6, "", ("93.184.216.34", 80)), (2, 1, 6, "", ("10.0.0.5", 80))]
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *a, **k: answers)
    with override_settings(OUTBOUND_ALLOWED_HOSTS=[]), pytest.raises(webhooks.DestinationRefused):
        webhooks.resolve("http://mixed.example/hook")
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *a, **k: answers[:1])
    with override_settings(OUTBOUND_ALLOWED_HOSTS=[]):
        destination = webhooks.resolve("https://public.example/hook")
    assert (destination.address, destination.host, destination.port) == (
        "93.184.216.34", "public.example", 443)


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "http:///x",
                                 "http://example.com:99999/x"])
def test_only_http_urls_with_a_host_are_called(url):
    with pytest.raises(webhooks.DestinationRefused):
        webhooks.resolve(url)


def test_the_connection_goes_to_the_checked_address(org, make_receiver, monkeypatch):
    """DNS rebinding: the name answers the checked address once, another one afterwards; the
    request still reaches the checked one, with the name in the Host header."""
    checked, rebound = make_receiver(), make_receiver()
    port = checked.server.server_address[1]
    real_getaddrinfo, answers = webhooks.socket.getaddrinfo, []

    def fake_dns(host, *args, **kwargs):
        if host != "hooks.example":
            return real_getaddrinfo(host, *args, **kwargs)
        target = checked if not answers else rebound
        answers.append(host)
        return [(2, 1, 6, "", ("127.0.0.1", target.server.server_address[1]))]

    monkeypatch.setattr(webhooks.socket, "getaddrinfo", fake_dns)
    with override_settings(OUTBOUND_ALLOWED_HOSTS=["hooks.example"]):
        delivery = make_delivery(org, f"http://hooks.example:{port}/hook")
        assert webhooks.attempt(delivery.pk) == webhooks.DONE
    assert len(checked.requests) == 1 and rebound.requests == []
    assert checked.requests[0]["headers"]["Host"] == f"hooks.example:{port}"


def test_backoff_grows_from_the_configured_base(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 2
    delays = [webhooks.backoff(n) for n in (1, 2, 3)]
    assert 2 <= delays[0] <= 2.2 and 4 <= delays[1] <= 4.4 and 8 <= delays[2] <= 8.8
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10**6
    assert webhooks.backoff(5) <= webhooks.MAX_BACKOFF * 1.1
