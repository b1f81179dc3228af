"""Rate limits: DRF's throttles over Django's cache (Redis when ``REDIS_URL`` is set, the
embedded file cache otherwise), so every server process and worker counts in one place.

- a token's principal (its application and user, or its application alone for a workspace's
  token) may make ``THROTTLE_RATE_TOKEN`` API calls;
- a client address that sends no token, or a token that is refused, may make
  ``THROTTLE_RATE_ANONYMOUS`` calls: counted before the token is refused, so guessing tokens
  meets the limit rather than an endless row of 401s;
- ``/o/token/`` takes ``THROTTLE_RATE_OAUTH_TOKEN`` failed requests per client address
  (guessed client secrets, codes or refresh tokens); over it, every request is refused;
- the sign-in pages take ``THROTTLE_RATE_LOGIN`` failed attempts per client address and per
  username; over either, every attempt is refused, the right password included.

Only failures count on those two, so a busy client or a user who signs in often never meets
the limit.

Each dialect answers a refused call in its own words (``errors.Throttled`` in its table). A rate
is ``<count>/<period>`` (``s``, ``min``, ``h``, ``day``), or ``off``. The client address is
``REMOTE_ADDR``, or, behind ``TRUSTED_PROXY_COUNT`` proxies, the address the outermost trusted
proxy saw (``X-Forwarded-For``). A cache that cannot be reached lets the call through (logged):
rate limits must not turn a cache outage into an API outage.
"""

import logging
import math

from django.conf import settings
from rest_framework import exceptions
from rest_framework.throttling import SimpleRateThrottle

from photos import errors

logger = logging.getLogger("photodesk.throttling")


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies (each
    appending the address it saw to X-Forwarded-For) the one the outermost of them saw."""
    request = getattr(request, "_request", request)
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if part.strip()]
    # the last `proxies - 1` entries were added by our own inner proxies; the one before them
    # is what the outermost trusted proxy saw. Fewer entries: the request skipped a proxy, and
    # what it says of itself is anyone's claim: its own address counts
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


class RateLimited(exceptions.Throttled):
    """DRF's Throttled, saying whose rate was spent (``errors.Throttled.holder``)."""

    def __init__(self, wait, holder):
        super().__init__(wait)
        self.holder = holder


class Rate(SimpleRateThrottle):
    """A throttle whose rate is read from the setting ``rate_setting`` at each request (so
    ``override_settings`` changes it), with its cache keys (``counter_key()``; DRF keeps the
    last one in the attribute ``key``) under ``THROTTLE_KEY_PREFIX``."""

    rate_setting = ""
    holder = errors.Throttled.ADDRESS

    def get_rate(self):
        rate = getattr(settings, self.rate_setting)
        return None if rate in (None, "", "off") else rate

    def counter_key(self, ident: str) -> str:
        return f"{settings.THROTTLE_KEY_PREFIX}:{self.scope}:{ident}"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 (the cache is down: let the call through)
            logger.warning("rate limit %s not checked: the cache is unavailable", self.scope,
                           exc_info=True)
            return True

    def check(self, request, view=None):
        """Counts this request; raises ``RateLimited`` when it is over the rate."""
        if not self.allow_request(request, view):
            raise RateLimited(self.wait(), self.holder)

    # failures only (sign-in, the token endpoint): ask first, count the request once it failed
    def _history(self, request, view):
        self.counter = self.get_cache_key(request, view)
        if self.rate is None or self.counter is None:
            return None
        self.now = self.timer()
        history = self.cache.get(self.counter, [])
        while history and history[-1] <= self.now - self.duration:
            history.pop()
        return history

    def refuses(self, request, view=None) -> bool:
        """Whether the rate is spent (without counting this request); ``wait()`` then says
        for how long."""
        try:
            history = self._history(request, view)
        except Exception:  # noqa: BLE001
            logger.warning("rate limit %s not checked: the cache is unavailable", self.scope,
                           exc_info=True)
            return False
        if history is None:
            return False
        self.history = history
        return len(history) >= self.num_requests

    def count(self, request, view=None) -> None:
        """Counts this request (one that failed) against the rate."""
        try:
            history = self._history(request, view)
            if history is not None:
                history.insert(0, self.now)
                self.cache.set(self.counter, history, self.duration)
        except Exception:  # noqa: BLE001
            logger.warning("rate limit %s not counted: the cache is unavailable", self.scope,
                           exc_info=True)


class PrincipalRate(Rate):
    """THROTTLE_RATE_TOKEN per token's principal; calls without one are not counted here."""

    scope = "token"
    rate_setting = "THROTTLE_RATE_TOKEN"

    def get_cache_key(self, request, view):
        principal = getattr(request, "auth", None)
        application = getattr(principal, "application", None)
        if application is None:
            return None
        user = principal.user
        self.holder = errors.Throttled.USER if user else errors.Throttled.APPLICATION
        return self.counter_key(f"app{application.pk}:user{user.pk}" if user
                        else f"app{application.pk}")


class AddressRate(Rate):
    """THROTTLE_RATE_ANONYMOUS per client address, for calls with no valid token."""

    scope = "anonymous"
    rate_setting = "THROTTLE_RATE_ANONYMOUS"

    def get_cache_key(self, request, view):
        return self.counter_key(client_address(request))


class OAuthTokenRate(AddressRate):
    scope = "oauth-token"
    rate_setting = "THROTTLE_RATE_OAUTH_TOKEN"


class LoginAddressRate(AddressRate):
    scope = "login-address"
    rate_setting = "THROTTLE_RATE_LOGIN"


class LoginUsernameRate(Rate):
    scope = "login-username"
    rate_setting = "THROTTLE_RATE_LOGIN"

    def __init__(self, username: str):
        super().__init__()
        self.username = username.strip().lower()

    def get_cache_key(self, request, view):
        return self.counter_key(self.username) if self.username else None


class RateLimitedView:
    """An APIView mixin: every call counts as soon as its token is read, before the view's
    permissions can refuse it (DRF would count only calls that pass them): a call without a
    valid token against its address's rate, a call with one against the view's throttles
    (``DEFAULT_THROTTLE_CLASSES``: its principal's rate)."""

    def perform_authentication(self, request):
        try:
            request.user  # noqa: B018 (authenticates)
        except exceptions.AuthenticationFailed:
            AddressRate().check(request, self)
            raise
        if request.auth is None:
            AddressRate().check(request, self)
            return
        for throttle in self.get_throttles():
            if not throttle.allow_request(request, self):
                raise RateLimited(throttle.wait(),
                                  getattr(throttle, "holder", errors.Throttled.ADDRESS))

    def check_throttles(self, request):
        """Done in ``perform_authentication``."""


def retry_after(wait) -> int:
    """Whole seconds for Retry-After (at least 1)."""
    return max(1, math.ceil(wait or 1))
