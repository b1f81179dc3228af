"""Access tokens in every dialect's transport.

``Authorization: Bearer <t>`` (OAuth 2), ``Authorization: OAuth <t>`` (Salesforce),
``Authorization: Zoho-oauthtoken <t>`` (Zoho) everywhere; the ``access_token`` query or form
parameter only on the views of a dialect whose clients send it (``token_in_parameters``: the Graph
API's), as RFC 9700 §4.3.2 wants tokens kept out of URLs elsewhere (the form field only in a body
of known length up to ``FORM_TOKEN_MAX_BYTES``).
Expired, revoked (DOT deletes them) and unknown tokens are refused with
``AuthenticationFailed``; each dialect's exception handler renders it in its own body.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from oauth2_provider.models import get_access_token_model
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from accounts.principal import principal_for_token

SCHEMES = {"bearer": "Bearer", "oauth": "OAuth", "zoho-oauthtoken": "Zoho-oauthtoken"}
_LENGTH = re.compile(r"[0-9]{1,18}")


class TokenInvalid(exceptions.AuthenticationFailed):
    default_detail = "The access token is invalid."


class TokenExpired(TokenInvalid):
    default_detail = "The access token has expired."


def token_from_request(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() in SCHEMES and value.strip():
            return value.strip()
        if scheme.lower() in SCHEMES:
            raise TokenInvalid("The Authorization header carries no token.")
        # another scheme (Basic, ...) is not ours: fall through to the parameters
    if not takes_token_parameters(request):
        return None
    token = request.query_params.get("access_token")
    if token:
        return token.strip()
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and _form_may_be_read(request):
        # request.POST is Django's parsed form; reading it does not consume a JSON body
        token = request._request.POST.get("access_token")
        if token:
            return token.strip()
    return None


def takes_token_parameters(request) -> bool:
    """Does the view answering ``request`` belong to a dialect whose clients send the token as
    an ``access_token`` parameter (Graph)? Anywhere else such a parameter is no token."""
    view = (getattr(request, "parser_context", None) or {}).get("view")
    return bool(getattr(view, "token_in_parameters", False))


def _form_may_be_read(request) -> bool:
    """A form body is searched for a token only when its declared length is at most
    FORM_TOKEN_MAX_BYTES: a request with no token in its headers or query never makes the
    server read (nor store in a temporary file) more than that. A larger one, or one of unknown
    length, counts as carrying no token: 401, its body unread."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return False
    length = request.META.get("CONTENT_LENGTH") or ""
    return bool(_LENGTH.fullmatch(length)) and int(length) <= settings.FORM_TOKEN_MAX_BYTES


def load_token(raw: str):
    checksum = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return (
        get_access_token_model()
        .objects.select_related("application", "application__workspace", "user")
        .filter(token_checksum=checksum)
        .first()
    )


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        raw = token_from_request(request)
        if raw is None:
            return None
        token = load_token(raw)
        if token is None:
            raise TokenInvalid()
        if token.expires is None or token.expires <= timezone.now():
            raise TokenExpired()
        if token.user is not None and not token.user.is_active:
            raise TokenInvalid("The token's user is inactive.")
        if token.user is None and token.application.workspace is None:
            raise TokenInvalid("The token belongs to neither a user nor a workspace.")
        principal = principal_for_token(token)
        return (token.user or AnonymousUser(), principal)

    def authenticate_header(self, request):
        # makes DRF answer 401 rather than 403 when the token is missing
        return 'Bearer realm="photodesk"'
