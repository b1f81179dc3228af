from functools import wraps

from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from oauth2_provider import views as oauth_views
from oauth2_provider.exceptions import FatalClientError
from oauth2_provider.models import get_application_model
from oauthlib.common import Request as OAuthlibRequest
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import openapi, throttling
from accounts import scopes as registry
from accounts.permissions import principal_of


class PrincipalView(throttling.RateLimitedView, APIView):
    """Photodesk's own 'who am I': the principal behind the presented token."""

    openapi_tag = openapi.SERVICE_TAG
    openapi_errors = openapi.SERVICE_ERRORS

    @openapi.principal_get
    def get(self, request):
        principal = principal_of(request)
        user, workspace, app = principal.user, principal.workspace, principal.application
        return Response({
            "kind": principal.kind,
            "user": {"id": user.pk, "username": user.username} if user else None,
            "workspace": {"id": workspace.pk, "name": workspace.name} if workspace else None,
            "application": {"id": app.pk, "name": app.name, "client_id": app.client_id},
            "scopes": sorted(principal.scopes),
            "expires": principal.token.expires.isoformat(),
        })

    # clients that can only send their token as a form parameter (Graph style) POST it
    @openapi.principal_post
    def post(self, request):
        return self.get(request)


class ScopeListView(throttling.RateLimitedView, APIView):
    """Every scope a client can ask for, with the module patterns."""

    authentication_classes = []
    permission_classes = []
    openapi_tag = openapi.SERVICE_TAG
    openapi_errors = {status: response for status, response in openapi.SERVICE_ERRORS.items()
                      if status in (405, 406, 429)}

    @openapi.scopes_get
    def get(self, request):
        return Response({
            "scopes": registry.FIXED,
            "patterns": [pattern for pattern, _ in registry.PATTERNS],
        })


class IntrospectTokenView(oauth_views.IntrospectTokenView):
    """RFC 7662 token introspection, for the resource server only.

    django-oauth-toolkit's view answers any client that authenticates with its own credentials
    (HTTP Basic, or ``client_id`` and ``client_secret`` in the body) with no scope checked, and
    any token with the ``introspection`` scope. Here the client, or the token's application,
    must be one an operator made the resource server (``introspection`` in its allowed
    scopes); anyone else gets the toolkit's refusal (403) and learns nothing about the token.
    """

    def authenticate_client(self, request):
        core = self.get_oauthlib_core()
        client_request = OAuthlibRequest(*core._extract_params(request))
        return bool(core.server.request_validator.authenticate_client(client_request)
                    and client_request.client.is_resource_server)

    def verify_request(self, request):
        valid, token_request = super().verify_request(request)
        if valid and not token_request.access_token.application.is_resource_server:
            return False, token_request
        return valid, token_request


class AuthorizationView(oauth_views.AuthorizationView):
    def error_response(self, error, application, **kwargs):
        # The toolkit passes no application for an error found while validating the request
        # (no PKCE challenge, a bad scope), and then checks the redirect against the global
        # schemes (https only) rather than the client's: a loopback http client (RFC 8252) would
        # get a 400 page instead of its error redirect. oauthlib validated the redirect URI
        # against the client's before a redirectable error, and names the client.
        client_id = getattr(error.oauthlib_error, "client_id", None)
        if application is None and client_id and not isinstance(error, FatalClientError):
            application = get_application_model().objects.filter(client_id=client_id).first()
        return super().error_response(error, application, **kwargs)


_authorize = csrf_protect(AuthorizationView.as_view())


# The consent page (GET) and its form (POST, CSRF-checked inside, once the method is known):
# any other method is 405, where the toolkit's view sent an anonymous TRACE or PUT to the login
# page (and took PUT as POST), and the CSRF check answered an unknown method with its 403 page.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def authorize(request, *args, **kwargs):
    return _authorize(request, *args, **kwargs)


class TokenView(oauth_views.TokenView):
    """The toolkit's token endpoint, taking ``THROTTLE_RATE_OAUTH_TOKEN`` failed requests per
    client address (guessed client secrets, codes or refresh tokens meet the limit): over it,
    429 in OAuth's error body (``temporarily_unavailable``) with ``Retry-After``."""

    def post(self, request, *args, **kwargs):
        rate = throttling.OAuthTokenRate()
        if rate.refuses(request):
            wait = throttling.retry_after(rate.wait())
            response = JsonResponse({
                "error": "temporarily_unavailable",
                "error_description": f"Too many token requests; retry in {wait} seconds.",
            }, status=429)
            response["Retry-After"] = str(wait)
            response["Cache-Control"] = "no-store"
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code in (400, 401):
            rate.count(request)
        return response


def login_rate_limited(view):
    """A login view whose failed attempts count against ``THROTTLE_RATE_LOGIN`` per client
    address and per username: over either, 429 with ``Retry-After`` and the password is not
    checked (guessing one user's password from many addresses, or many users' from one, meets
    it). A failed attempt is the form shown again (200); signing in redirects."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        rates = [throttling.LoginAddressRate(),
                 throttling.LoginUsernameRate(request.POST.get("username", ""))]
        for rate in rates:
            if rate.refuses(request):
                wait = throttling.retry_after(rate.wait())
                response = render(request, "registration/too_many_attempts.html",
                                  {"retry_after": wait}, status=429)
                response["Retry-After"] = str(wait)
                return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            for rate in rates:
                rate.count(request)
        return response

    return limited


def page(view, methods):
    """A page answering only ``methods`` (405 for any other, as the consent page does): the
    views check the CSRF token themselves, once the method is known, where the middleware's
    check would answer an unknown method with its 403 page."""
    return csrf_exempt(require_http_methods(methods)(view))


# The sign-in page of every user (the admin's admits staff only): the authorization-code flow
# sends people here (LOGIN_URL) before its consent page.
login = page(login_rate_limited(auth_views.LoginView.as_view()), ["GET", "HEAD", "POST"])
logout = page(auth_views.LogoutView.as_view(), ["POST"])
