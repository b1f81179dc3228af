"""Rate limits, answered in each API's own words: Salesforce's 403 REQUEST_LIMIT_EXCEEDED, Zoho's
429 TOO_MANY_REQUESTS, Graph's codes 17 (a user's token) and 4 (an application's, or calls with
no valid token), the generic resource's 429, DRF's for the service endpoints and OAuth's body on
/o/token/; each with Retry-After. Counted in the real cache (Redis in CI)."""

import pytest
from django.test import Client

from tests.support.openapi import assert_documented

pytestmark = pytest.mark.django_db

CHATTER_ME = "/services/data/v45.0/chatter/users/me/"


def twice(client, path, **headers):
    """The first and second answers to the same GET."""
    return client.get(path, **headers), client.get(path, **headers)


def assert_retry_after(response):
    assert response.status_code in (400, 403, 429), response.content
    assert 1 <= int(response["Retry-After"]) <= 60


def test_salesforce_answers_request_limit_exceeded(rate_limits, make_token, acme_alice):
    rate_limits(TOKEN="1/min")
    token = make_token(["api"], user=acme_alice)
    first, second = twice(Client(), CHATTER_ME, HTTP_AUTHORIZATION=f"OAuth {token}")
    assert first.status_code == 200
    assert second.status_code == 403
    assert second.json() == [{"errorCode": "REQUEST_LIMIT_EXCEEDED",
                              "message": "TotalRequests Limit exceeded."}]
    assert_retry_after(second)
    assert_documented("GET", "/services/data/v{version}/chatter/users/{user_id}/", second)


def test_zoho_answers_too_many_requests(rate_limits, org):
    rate_limits(TOKEN="1/min")
    auth = {"HTTP_AUTHORIZATION": f"Zoho-oauthtoken {org.token('ZohoCRM.modules.ALL')}"}
    first, second = twice(Client(), "/crm/v2/Leads", **auth)
    assert first.status_code in (200, 204)
    assert second.status_code == 429
    assert second.json() == {"code": "TOO_MANY_REQUESTS", "details": {},
                             "message": "too many requests. please try again after some time",
                             "status": "error"}
    assert_retry_after(second)
    assert_documented("GET", "/crm/v2/{module_name}", second)


def test_graph_answers_a_users_token_with_code_17(rate_limits, graph_token):
    rate_limits(TOKEN="1/min")
    first, second = twice(Client(), f"/me?access_token={graph_token}")
    assert first.status_code == 200
    assert second.status_code == 400
    assert second.json() == {"error": {"message": "(#17) User request limit reached",
                                       "type": "OAuthException", "code": 17}}
    assert_retry_after(second)
    assert_documented("GET", "/{object_id}", second)


def test_graph_answers_an_applications_token_with_code_4(rate_limits, make_token, team):
    rate_limits(TOKEN="1/min")
    token = make_token(["workspace_photos"], workspace=team)
    first, second = twice(Client(), "/me/photos", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert first.status_code != 400 or first.json()["error"]["code"] != 4
    assert second.json() == {"error": {"message": "(#4) Application request limit reached",
                                       "type": "OAuthException", "code": 4}}
    assert_retry_after(second)


def test_graph_answers_calls_without_a_token_with_code_4(rate_limits):
    rate_limits(ANONYMOUS="1/min")
    first, second = twice(Client(), "/me")
    assert first.json()["error"]["code"] == 2500
    assert second.status_code == 400
    assert second.json()["error"]["code"] == 4
    assert_retry_after(second)


def test_generic_answers_429_with_retry_after(rate_limits, generic_token):
    rate_limits(TOKEN="1/min")
    path = "/photo/" + "0" * 24
    first, second = twice(Client(), path, HTTP_AUTHORIZATION=f"Bearer {generic_token}")
    assert first.status_code == 404  # refused calls count too
    assert second.status_code == 429
    body = second.json()
    assert body["success"] is False
    assert body["error"]["code"] == "too_many_requests"
    assert_retry_after(second)
    assert_documented("GET", "/photo/{photo_id}", second)


def test_guessed_tokens_meet_the_limit_of_their_address(rate_limits):
    rate_limits(ANONYMOUS="3/min")
    client = Client()
    answers = [client.get("/photo/" + "0" * 24, HTTP_AUTHORIZATION=f"Bearer guess-{n}")
               for n in range(4)]
    assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
    assert answers[-1].json()["error"]["code"] == "too_many_requests"


def test_one_principals_limit_leaves_anothers_calls(rate_limits, make_token, alice, bob):
    rate_limits(TOKEN="1/min")
    alice_token = make_token(["user_photos"], user=alice)
    bob_token = make_token(["user_photos"], user=bob)
    client = Client()
    assert client.get(f"/me?access_token={alice_token}").status_code == 200
    assert client.get(f"/me?access_token={alice_token}").json()["error"]["code"] == 17
    assert client.get(f"/me?access_token={bob_token}").status_code == 200


def test_service_endpoints_answer_drf_429(rate_limits, generic_token):
    rate_limits(TOKEN="1/min")
    first, second = twice(Client(), "/api/principal",
                          HTTP_AUTHORIZATION=f"Bearer {generic_token}")
    assert first.status_code == 200
    assert second.status_code == 429
    assert "throttled" in second.json()["detail"]
    assert_retry_after(second)
    assert_documented("GET", "/api/principal", second)


def test_the_token_endpoint_answers_in_oauths_body(rate_limits, workspace_client):
    rate_limits(OAUTH_TOKEN="2/min")
    app, _ = workspace_client
    guesses = [Client().post("/o/token/", {
        "grant_type": "client_credentials", "client_id": app.client_id,
        "client_secret": f"guess-{n}"}) for n in range(3)]
    assert [guess.status_code for guess in guesses] == [401, 401, 429]
    assert guesses[-1].json()["error"] == "temporarily_unavailable"
    assert_retry_after(guesses[-1])
    assert_documented("POST", "/o/token/", guesses[-1])


def test_tokens_issued_do_not_count(rate_limits, workspace_client):
    rate_limits(OAUTH_TOKEN="1/min")
    app, secret = workspace_client
    issued = [Client().post("/o/token/", {
        "grant_type": "client_credentials", "client_id": app.client_id,
        "client_secret": secret}).status_code for _ in range(3)]
    assert issued == [200, 200, 200]


def test_addresses_behind_trusted_proxies_are_counted_apart(rate_limits, settings):
    rate_limits(ANONYMOUS="1/min")
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()

    def call(address):  # the first entry is the client's own claim: it does not count
        return client.get("/api/principal", HTTP_X_FORWARDED_FOR=f"198.51.100.1, {address}")
    assert call("203.0.113.5").status_code == 401
    assert call("203.0.113.6").status_code == 401
    assert call("203.0.113.5").status_code == 429


def test_a_request_that_skipped_a_trusted_proxy_counts_against_its_own_address(rate_limits,
                                                                              settings):
    # two proxies should each add an entry; a request with fewer came around the outer one,
    # and the entries it carries are its own claims: changing them must not reset its count
    rate_limits(ANONYMOUS="1/min")
    settings.TRUSTED_PROXY_COUNT = 2
    client = Client()
    assert client.get("/api/principal", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 401
    assert client.get("/api/principal", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(rate_limits):
    rate_limits(ANONYMOUS="1/min")
    client = Client()
    assert client.get("/api/principal", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 401
    assert client.get("/api/principal", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 429


def test_calls_pass_while_the_cache_is_unreachable(rate_limits, settings, graph_token):
    rate_limits(TOKEN="1/min")
    # nothing listens on port 1: every cache call fails at once
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    first, second = twice(Client(), f"/me?access_token={graph_token}")
    assert (first.status_code, second.status_code) == (200, 200)
