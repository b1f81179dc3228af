"""The client side of the OAuth endpoints (``/o/``): PKCE, and a user authorizing an application
in a browser session."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

REDIRECT = "http://127.0.0.1:9999/callback"
READER_PASSWORD = "correct horse battery staple"  # the ``reader`` fixture's


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def authorize(browser, app, scope, challenge):
    params = {
        "response_type": "code", "client_id": app.client_id, "redirect_uri": REDIRECT,
        "scope": scope, "state": "xyz", "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    page = browser.get("/o/authorize/", params)
    assert page.status_code == 200, page.content[:500]
    response = browser.post("/o/authorize/", {**params, "allow": "Authorize"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return query
