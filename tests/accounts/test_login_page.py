"""The sign-in page of every user (/accounts/login/): the authorization-code flow's login, which
the admin's (staff only) used to be; its attempts are limited per address and per username."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from tests.support.oauth import READER_PASSWORD as PASSWORD
from tests.support.oauth import REDIRECT, pkce_pair

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_of(page) -> str:
    match = CSRF.search(page.text if hasattr(page, "text") else page.content.decode())
    assert match, "the page has no CSRF token"
    return match[1]


@pytest.mark.django_db(transaction=True)
def test_an_ordinary_user_authorizes_an_application_over_http(live_server, pkce_client,
                                                              reader):
    base = live_server.url
    verifier, challenge = pkce_pair()
    browser = requests.Session()
    params = {"response_type": "code", "client_id": pkce_client.client_id,
              "redirect_uri": REDIRECT, "scope": "user_photos", "state": "s1",
              "code_challenge": challenge, "code_challenge_method": "S256"}

    # not signed in: the consent page sends the user to everyone's sign-in page
    login_page = browser.get(f"{base}/o/authorize/", params=params, timeout=10)
    assert urlsplit(login_page.url).path == "/accounts/login/"
    assert login_page.status_code == 200
    next_url = parse_qs(urlsplit(login_page.url).query)["next"][0]

    consent = browser.post(f"{base}/accounts/login/", timeout=10, headers={
        "Referer": login_page.url}, data={
        "csrfmiddlewaretoken": csrf_of(login_page), "username": "reader",
        "password": PASSWORD, "next": next_url})
    assert urlsplit(consent.url).path == "/o/authorize/", consent.text[:300]
    assert consent.status_code == 200 and "Photo printer" in consent.text

    answer = browser.post(f"{base}/o/authorize/", allow_redirects=False, timeout=10,
                          headers={"Referer": consent.url},
                          data={**params, "allow": "Authorize",
                                "csrfmiddlewaretoken": csrf_of(consent)})
    assert answer.status_code == 302, answer.text[:300]
    back = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert back["state"] == ["s1"]

    token = requests.post(f"{base}/o/token/", timeout=10, data={
        "grant_type": "authorization_code", "code": back["code"][0], "redirect_uri": REDIRECT,
        "client_id": pkce_client.client_id, "code_verifier": verifier})
    assert token.status_code == 200, token.text
    me = requests.get(f"{base}/api/principal", timeout=10,
                      headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert me.status_code == 200
    assert me.json()["user"]["username"] == "reader"
    assert me.json()["scopes"] == ["user_photos"]


def sign_in(client, username, password, path="/accounts/login/", **extra):
    page = client.get(path)
    return client.post(path, {"csrfmiddlewaretoken": csrf_of(page), "username": username,
                              "password": password}, **extra)


@pytest.mark.django_db
def test_repeated_bad_passwords_meet_the_limit(rate_limits, reader):
    rate_limits(LOGIN="3/min")
    client = Client(enforce_csrf_checks=True)
    tries = [sign_in(client, "reader", f"guess {n}") for n in range(3)]
    assert [answer.status_code for answer in tries] == [200, 200, 200]
    assert b"did not match" in tries[-1].content
    # over the limit the password is not even checked: the right one is refused as well
    refused = sign_in(client, "reader", PASSWORD)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert b"Too many sign-in attempts" in refused.content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signing_in_does_not_count(rate_limits, reader):
    rate_limits(LOGIN="1/min")
    for _ in range(3):
        assert sign_in(Client(), "reader", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_one_username_is_limited_from_every_address(rate_limits, reader):
    rate_limits(LOGIN="2/min")
    for n, address in enumerate(("198.51.100.1", "198.51.100.2")):
        answer = sign_in(Client(REMOTE_ADDR=address), "Reader", f"guess {n}")
        assert answer.status_code == 200
    assert sign_in(Client(REMOTE_ADDR="198.51.100.3"), "reader", PASSWORD).status_code == 429
    # another user from a fresh address is not held back
    assert sign_in(Client(REMOTE_ADDR="198.51.100.4"), "nobody", "x").status_code == 200


@pytest.mark.django_db
def test_the_admin_sign_in_is_limited_too(rate_limits, staff_user):
    rate_limits(LOGIN="1/min")
    client = Client()
    assert sign_in(client, "mod", "wrong", path="/admin/login/").status_code == 200
    assert sign_in(client, "mod", "wrong", path="/admin/login/").status_code == 429


@pytest.mark.django_db
def test_staff_still_sign_in_to_the_admin(staff_user):
    staff_user.set_password(PASSWORD)
    staff_user.save()
    client = Client(enforce_csrf_checks=True)
    answer = sign_in(client, "mod", PASSWORD, path="/admin/login/?next=/admin/")
    assert answer.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_an_ordinary_user_signs_in_and_out_but_not_to_the_admin(reader):
    client = Client(enforce_csrf_checks=True)
    assert sign_in(client, "reader", PASSWORD, path="/admin/login/").status_code == 200
    assert "_auth_user_id" not in client.session  # the admin admits staff only
    signed_in = sign_in(client, "reader", PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)
    page = client.get("/accounts/login/")
    out = client.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf_of(page)})
    assert out.status_code == 302 and out["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), [("/accounts/login/", "put"),
                                              ("/accounts/login/", "query"),
                                              ("/accounts/logout/", "get")])
def test_other_methods_are_not_allowed(path, method):
    answer = Client().generic(method.upper(), path)
    assert answer.status_code == 405


@pytest.mark.django_db
def test_a_sign_in_without_the_pages_csrf_token_is_refused(reader):
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/accounts/login/", {"username": "reader", "password": PASSWORD})
    assert answer.status_code == 403
    assert "_auth_user_id" not in client.session
